#!/usr/bin/env python3
"""Run a command in a pseudo-terminal and type scripted answers, for the e2e tests.

Usage: pty-driver.py SCRIPT.json -- COMMAND [ARG...]

SCRIPT.json: {"steps": [{"expect": "<regex>", "send": "<keys>"}, ...],
              "timeout": <seconds per step>, "cols": 120, "rows": 40}

Each step waits until `expect` matches the screen text (ANSI sequences
removed) written since the previous step's match, then types `send` (JSON
escapes: "\r" is Enter, "\u001b[B" the down arrow, " " toggles a checkbox).
After the last step it waits for the command to exit. Nothing can hang: every
wait has a deadline, after which the command is killed.

Prints one JSON object: {"exit": <code or null>, "signal": <n or null>,
"timedOutAt": <step index, "exit", or null>, "screen": <text>, "stream": <text>}.
`screen` is what a terminal would show at the end (with its scrollback): the
output replayed through a small VT100 model (cursor moves, line and screen
erases, wrapping at the width), so prompts redrawn in place appear once, as
the user saw them. `stream` is every byte written, ANSI sequences removed.
The driver itself exits 0 unless its own arguments are wrong (2).
"""
import fcntl
import json
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time

# CSI and OSC sequences, and single-character escapes: what a screen would interpret, not show.
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")


class Screen:
    """The text a terminal shows, with unlimited scrollback: enough of VT100 for prompt libraries."""

    CSI = re.compile(r"\x1b\[([0-?]*)([ -/]*)([@-~])")

    def __init__(self, cols):
        self.cols = cols
        self.lines = [[]]
        self.row = 0
        self.col = 0
        self.top = 0  # first scrollback line of the visible screen (for absolute moves)

    def _line(self):
        while len(self.lines) <= self.row:
            self.lines.append([])
        line = self.lines[self.row]
        while len(line) < self.col:
            line.append(" ")
        return line

    def _put(self, ch):
        if self.col >= self.cols:  # deferred wrap, as terminals do
            self.row += 1
            self.col = 0
        line = self._line()
        if self.col < len(line):
            line[self.col] = ch
        else:
            line.append(ch)
        self.col += 1

    def _csi(self, params, final):
        nums = [int(p) if p.isdigit() else 0 for p in params.lstrip("?").split(";")] if params else []
        n = nums[0] if nums and nums[0] > 0 else 1
        if final == "A":
            self.row = max(0, self.row - n)
        elif final == "B":
            self.row += n
        elif final == "C":
            self.col += n
        elif final == "D":
            self.col = max(0, self.col - n)
        elif final == "G":
            self.col = n - 1
        elif final == "H":
            self.row = self.top + (nums[0] - 1 if nums and nums[0] else 0)
            self.col = nums[1] - 1 if len(nums) > 1 and nums[1] else 0
        elif final == "K":
            line = self._line()
            mode = nums[0] if nums else 0
            if mode == 0:
                del line[self.col:]
            elif mode == 1:
                line[: self.col] = [" "] * min(self.col, len(line))
            else:
                line.clear()
        elif final == "J":
            mode = nums[0] if nums else 0
            if mode == 0:
                del self._line()[self.col:]
                del self.lines[self.row + 1:]
            elif mode == 2:
                self.lines = self.lines[: self.top] + [[]]
                self.row, self.col = self.top, 0
        # colours (m), cursor show/hide (h, l) and the rest draw nothing

    def feed(self, text):
        i = 0
        while i < len(text):
            ch = text[i]
            if ch == "\x1b":
                m = self.CSI.match(text, i)
                if m:
                    self._csi(m.group(1), m.group(3))
                    i = m.end()
                    continue
                m = ANSI.match(text, i)
                i = m.end() if m else i + 1
                continue
            if ch == "\r":
                self.col = 0
            elif ch == "\n":
                self.row += 1
                self.col = 0
                self._line()
            elif ch == "\b":
                self.col = max(0, self.col - 1)
            elif ch >= " " or ch == "\t":
                self._put(ch)
            i += 1

    def text(self):
        return "\n".join("".join(l).rstrip() for l in self.lines).rstrip() + "\n"


def main():
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        sys.stderr.write(__doc__)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        script = json.load(f)
    command = sys.argv[3:]
    step_timeout = float(script.get("timeout", 30))

    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(command[0], command)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", script.get("rows", 40), script.get("cols", 120), 0, 0))

    raw = bytearray()
    eof = False

    def screen():
        """Everything written so far, without ANSI sequences: what the steps match against."""
        return ANSI.sub("", raw.decode("utf-8", "replace")).replace("\r", "")

    def pump(deadline):
        """Read what is available until the deadline; False at end of output."""
        nonlocal eof
        while not eof:
            left = deadline - time.monotonic()
            if left <= 0:
                return True
            ready, _, _ = select.select([fd], [], [], min(left, 0.05))
            if not ready:
                return True
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: the child closed the terminal
                chunk = b""
            if not chunk:
                eof = True
            raw.extend(chunk)
        return False

    timed_out = None
    seen = 0  # screen offset after the previous match
    for index, step in enumerate(script["steps"]):
        pattern = re.compile(step["expect"])
        deadline = time.monotonic() + step_timeout
        match = None
        while True:
            text = screen()
            match = pattern.search(text, seen)
            if match or eof or time.monotonic() >= deadline:
                break
            pump(min(deadline, time.monotonic() + 0.05))
        if not match:
            timed_out = index
            break
        seen = match.end()
        # Let the prompt finish drawing before typing, as a person would.
        pump(time.monotonic() + float(step.get("settle", 0.15)))
        os.write(fd, step["send"].encode("utf-8"))

    status = None
    deadline = time.monotonic() + step_timeout
    while timed_out is None:
        pump(min(deadline, time.monotonic() + 0.05))
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            pump(time.monotonic() + 0.2)
            break
        if time.monotonic() >= deadline:
            timed_out = "exit"
        elif eof:
            time.sleep(0.02)  # output is closed; the process is still exiting
    if status is None or timed_out is not None:
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    os.close(fd)

    result = {
        "exit": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
        "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
        "timedOutAt": timed_out,
        "screen": final_screen(raw.decode("utf-8", "replace"), script.get("cols", 120)),
        "stream": screen(),
    }
    sys.stdout.write(json.dumps(result))
    return 0


def final_screen(text, cols):
    s = Screen(cols)
    s.feed(text)
    return s.text()


if __name__ == "__main__":
    sys.exit(main())
