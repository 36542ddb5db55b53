"""`counter += 1` compiles to separate read, add and write instructions."""

import dis
import platform

counter = 0


def increment():
    global counter
    counter += 1


# What each instruction does to the shared variable; the rest is bookkeeping.
ROLE = {
    "LOAD_GLOBAL": "read counter",
    "BINARY_OP": "add",
    "INPLACE_ADD": "add",
    "STORE_GLOBAL": "write counter",
}

if __name__ == "__main__":
    print(
        f"Python {platform.python_version()}: the instructions of increment()"
    )
    for ins in dis.get_instructions(increment):
        role = ROLE.get(ins.opname, "")
        arrow = f"<- {role}" if role else ""
        print(f"  {ins.opname:14} {ins.argrepr:8} {arrow}".rstrip())
