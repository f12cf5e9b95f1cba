# Runs AWS CLI commands in one Python process, through the CLI's own entry point
# (awscli.clidriver: its argument parsing, its botocore serializers, its copy of the models),
# one JSON argv per input line, one JSON result per output line. Starting `aws` once per
# command costs a second or more on a loaded machine; the session runs ~110 commands.
import contextlib
import io
import json
import sys

from awscli.clidriver import create_clidriver

driver = create_clidriver()  # one driver: loading the models per command costs ~0.5 s
for line in sys.stdin:
    argv = json.loads(line)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = driver.main(argv)
        except SystemExit as e:
            code = e.code if isinstance(e.code, int) else 1
        except Exception as e:  # a CLI crash is a failed command, not a dead session
            print(repr(e), file=sys.stderr)
            code = 255
    sys.__stdout__.write(json.dumps({"code": code, "stdout": out.getvalue(), "stderr": err.getvalue()}) + "\n")
    sys.__stdout__.flush()
