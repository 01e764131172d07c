"""Runs a command under a new pseudo-terminal and relays bytes between it and this process's pipes.

Tests drive the interactive shell through it, so the shell sees a real terminal (raw mode, Ctrl-C
as a key, window size) while the test keeps plain pipes. The child's pid is written to stderr as
`pty-host: pid N` (tests send it signals); this process exits with the child's exit status.
"""
import fcntl
import os
import select
import signal
import struct
import sys
import termios

columns = int(os.environ.get("PTY_COLUMNS", "100"))
rows = int(os.environ.get("PTY_ROWS", "30"))
command = sys.argv[1:]

pid, master = os.forkpty()
if pid == 0:
    os.execvp(command[0], command)

fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
os.write(2, f"pty-host: pid {pid}\n".encode())
# A signal to the host (the test's timeout) ends the child too.
signal.signal(signal.SIGTERM, lambda *_: os.kill(pid, signal.SIGKILL))

stdin_open = True
while True:
    watched = [master] + ([0] if stdin_open else [])
    try:
        ready, _, _ = select.select(watched, [], [])
    except InterruptedError:
        continue
    if master in ready:
        try:
            data = os.read(master, 65536)
        except OSError:
            data = b""
        if not data:
            break
        os.write(1, data)
    if 0 in ready:
        data = os.read(0, 65536)
        if not data:
            stdin_open = False
        else:
            os.write(master, data)

_, status = os.waitpid(pid, 0)
sys.exit(os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))
