"""pymodbus's own client reading the benchmark tags, one request per tag (pymodbus has no read planner).

usage: pymodbus_bench.py PORT TAGS_FILE SECONDS
prints "requests_per_poll polls tags_per_second requests_per_second"
"""
import sys
import time

from pymodbus.client import ModbusTcpClient


def main():
    port, tags_file, seconds = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
    with open(tags_file, encoding="ascii") as handle:
        addresses = [int(line) for line in handle if line.strip()]
    client = ModbusTcpClient("127.0.0.1", port=port, timeout=5, retries=0)
    if not client.connect():
        raise SystemExit("cannot connect")

    def poll():
        for address in addresses:
            response = client.read_holding_registers(address, 1, slave=1)
            if response.isError():
                raise SystemExit(f"read of {address} failed: {response}")

    poll()
    polls = 0
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        poll()
        polls += 1
    elapsed = time.perf_counter() - started
    client.close()
    print(f"{len(addresses)} {polls} {polls * len(addresses) / elapsed:.0f} {polls * len(addresses) / elapsed:.0f}")


if __name__ == "__main__":
    main()
