// `mvconf list [TOPIC]`: what this mvconf knows (ports, properties, features, mutants).
#pragma once

#include "cli.h"

namespace mvconf::cli {

/// Register `list` on `app`. To add a topic, add an entry to kTopics in list_command.cpp.
Action add_list_command(CLI::App &app);

}  // namespace mvconf::cli
