// The processes a port leaves behind. Killing a port's process group ends everything it
// started, except a descendant that left the group (setsid, setpgid): the harness makes itself
// the reaper of such orphans, so they become its children when the port dies, and ends every
// child it did not start itself.
#pragma once

#include <sys/types.h>

#include <mutex>

namespace mvconf::harness {

/// Held around fork() and the registration of the new child, so that reap_orphans() never
/// mistakes a child that is being started for an orphan. Also makes this process the reaper
/// of its descendants' orphans (Linux PR_SET_CHILD_SUBREAPER), once.
std::unique_lock<std::mutex> lock_for_spawn();
/// Record a child this process started (call with lock_for_spawn() held).
void remember_child(pid_t pid);
/// Forget a child once it has been reaped.
void forget_child(pid_t pid);
/// SIGKILL and reap every child of this process that it did not start (orphans adopted from a
/// port's descendants), and theirs, until none is left: the number ended.
int reap_orphans();

}  // namespace mvconf::harness
