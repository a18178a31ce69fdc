"""An SMTP server on loopback for tests (aiosmtpd): saves each accepted message to OUTDIR/NNNN.eml, with its envelope
in NNNN.json. Answers the first FAIL_FIRST DATA commands with 451 (a transient failure) and refuses recipients whose
local part is 'nobody' with 550. Prints 'ready' once listening; stops when its stdin closes.

usage: smtp_sink.py HOST PORT OUTDIR FAIL_FIRST
"""
import json
import os
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, outdir, fail_first):
        self.outdir = outdir
        self.fail_first = fail_first
        self.data_commands = 0
        self.saved = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.split("@")[0] == "nobody":
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.data_commands += 1
        if self.data_commands <= self.fail_first:
            return "451 4.3.0 Try again later"
        self.saved += 1
        base = os.path.join(self.outdir, "%04d" % self.saved)
        with open(base + ".json.tmp", "w") as f:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}, f)
        with open(base + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(base + ".json.tmp", base + ".json")
        os.rename(base + ".eml.tmp", base + ".eml")
        return "250 OK: queued"


def main():
    host, port, outdir, fail_first = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    controller = Controller(Sink(outdir, fail_first), hostname=host, port=port)
    controller.start()
    print("ready", flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
