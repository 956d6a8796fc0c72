// Leaks on purpose. In the sanitizer build its test must see LeakSanitizer's report: that
// proves leak detection is on (CMakePresets.json, test preset "asan") and that the
// suppressions (ci/lsan.supp) do not hide a leak in mvconf's own code.
#include <cstdio>

int *volatile sink = nullptr;

int main() {
  sink = new int[16];
  sink = nullptr;  // the only pointer to the block is gone: a leak at exit
  std::puts("leak_canary: leaked 64 bytes");
  return 0;
}
