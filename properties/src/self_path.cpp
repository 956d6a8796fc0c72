#include "self_path.h"

#include <unistd.h>

#include <filesystem>

namespace mvconf::harness {

std::string self_path() {
  char buf[4096];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : "mvconf";
}

std::string self_dir() {
  const std::string path = self_path();
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? "." : path.substr(0, slash);
}

std::string beside_self(const std::string &relative) {
  return (std::filesystem::path(self_dir()) / relative).lexically_normal().string();
}

}  // namespace mvconf::harness
