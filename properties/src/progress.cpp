#include "progress.h"

#include <unistd.h>

#include <cstdio>
#include <string>

#include "mvconf/harness/session.h"

namespace mvconf::cli {

using mvconf::harness::current_property;

void ProgressListener::OnTestIterationStart(const testing::UnitTest &unit, int) {
  // The line is redrawn in place, so only a terminal gets it (a log would fill with \r), and
  // only when quiet: -v prints gtest's lines, which the redrawn line would garble.
  terminal_ = quiet_ && isatty(2) == 1;
  total_ = unit.test_to_run_count();
  done_ = 0;
  start_ = std::chrono::steady_clock::now();
}

void ProgressListener::OnTestStart(const testing::TestInfo &info) {
  current_property() = std::string(info.test_suite_name()) + "." + info.name();
  header_printed_ = false;
  if (!terminal_) return;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::fprintf(stderr, "\r\033[K  [%d/%d %.1f s] %s ...", done_ + 1, total_, seconds,
               current_property().c_str());
}

void ProgressListener::OnTestPartResult(const testing::TestPartResult &result) {
  // Only failures: a skip is a row of the report, and a class report is the whole message.
  if (!quiet_ || !result.failed()) return;
  if (terminal_) std::fprintf(stderr, "\r\033[K");
  if (!header_printed_) std::printf("\nFAILED %s\n", current_property().c_str());
  header_printed_ = true;
  // ADD_FAILURE's message starts with gtest's "Failed" line, which the header already says.
  std::string message = result.message();
  if (message.rfind("Failed\n", 0) == 0) message.erase(0, 7);
  std::printf("%s\n", message.c_str());
  std::fflush(stdout);
}

void ProgressListener::OnTestEnd(const testing::TestInfo &) {
  ++done_;
  if (terminal_) std::fprintf(stderr, "\r\033[K");
  current_property().clear();
}

}  // namespace mvconf::cli
