// `mvconf replay`: case files judged exactly as `mvconf run` judges generated cases.
#pragma once

#include <string>
#include <vector>

namespace mvconf::harness {

/// Replay every case of `paths` (files or directories of .jsonl) on the open ports: features
/// decide what is skipped, expectations what is expected; a bad or diverging line is reported
/// with its file and line and the replay goes on. Returns the exit status (0, 1, or 2 when a
/// path cannot be read).
int replay_command(const std::vector<std::string> &paths, bool verbose);

}  // namespace mvconf::harness
