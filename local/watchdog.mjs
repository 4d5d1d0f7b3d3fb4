// Kills a child (DynamoDB Local's java) once its parent is gone, even when the parent was SIGKILLed and
// had no chance to clean up. Plain JS so that it starts in milliseconds without tsx.
const [parentPid, childPid] = process.argv.slice(2).map(Number);
const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const timer = setInterval(() => {
  if (!alive(childPid)) process.exit(0);
  if (!alive(parentPid)) {
    try {
      process.kill(childPid, 'SIGTERM');
      setTimeout(() => {
        if (alive(childPid)) process.kill(childPid, 'SIGKILL');
        process.exit(0);
      }, 2000);
    } catch {
      process.exit(0);
    }
    clearInterval(timer);
  }
}, 250);
