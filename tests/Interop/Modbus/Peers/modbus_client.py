"""pymodbus client peer: exercises a Modbus server (our simulator) and prints one JSON object.

The server is expected to hold modbus_layout's typed values at holding register 100 (one block per
byte order); this script decodes them, writes the same values at holding register 1000 for the
caller to check, runs every function code, and reports what it saw.

usage: modbus_client.py --port P [--framer socket|rtu] [--unit U]
"""
import argparse
import json

from pymodbus.client import ModbusTcpClient
from pymodbus.mei_message import ReadDeviceInformationRequest
from pymodbus.transaction import ModbusRtuFramer, ModbusSocketFramer

import modbus_layout


def checked(response):
    if response.isError():
        raise RuntimeError(f"unexpected error response: {response}")
    return response


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--framer", choices=["socket", "rtu"], default="socket")
    parser.add_argument("--unit", type=int, default=1)
    args = parser.parse_args()
    framer = ModbusRtuFramer if args.framer == "rtu" else ModbusSocketFramer
    client = ModbusTcpClient("127.0.0.1", port=args.port, framer=framer, timeout=5, retries=0)
    if not client.connect():
        raise SystemExit("cannot connect")
    unit = args.unit
    result = {"decoded": {}}

    for index, order in enumerate(modbus_layout.ORDERS):
        registers = checked(client.read_holding_registers(100 + 100 * index, 24, slave=unit)).registers
        result["decoded"][order] = modbus_layout.decode(order, registers)
        encoded = modbus_layout.encode(order)
        values = [encoded.get(i, 0) for i in range(max(encoded) + 1)]
        checked(client.write_registers(1000 + 100 * index, values, slave=unit))

    checked(client.write_coil(5, True, slave=unit))
    checked(client.write_coils(20, [True, False, True], slave=unit))
    result["coils"] = checked(client.read_coils(0, 24, slave=unit)).bits[:24]
    result["discrete"] = checked(client.read_discrete_inputs(0, 8, slave=unit)).bits[:8]
    result["input"] = checked(client.read_input_registers(0, 4, slave=unit)).registers
    checked(client.write_register(500, 77, slave=unit))
    result["readwrite"] = checked(client.readwrite_registers(
        read_address=500, read_count=2, write_address=501, write_registers=[88], unit=unit)).registers
    identity = checked(client.execute(ReadDeviceInformationRequest(read_code=1, object_id=0, unit=unit)))
    result["identity"] = {str(k): v.decode("ascii") for k, v in identity.information.items()}
    rejected = client.read_holding_registers(3000, 2, slave=unit)
    result["exception"] = rejected.exception_code if rejected.isError() else None
    client.close()
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
