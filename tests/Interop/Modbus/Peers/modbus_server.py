"""pymodbus server peer for the Modbus interop tests and benchmark.

Memory image (protocol addresses, zero_mode): 2000 entries per table. Coil i is on when i % 3 == 0,
discrete input i when i % 5 == 0, input register i holds 2 * i, holding registers hold the typed
values of modbus_layout at base 100 (one block per byte order) and 0 elsewhere. Addresses from 2000
on are illegal. Prints "ready" once listening.

usage: modbus_server.py --port P [--framer socket|rtu] [--unit U]
       modbus_server.py --serial /dev/pts/N --baud 19200 [--parity N|E|O] [--unit U]
"""
import argparse
import asyncio
import logging
import sys

from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.device import ModbusDeviceIdentification
from pymodbus.server import StartAsyncSerialServer, StartAsyncTcpServer
from pymodbus.transaction import ModbusRtuFramer, ModbusSocketFramer

import modbus_layout

SIZE = 2000
LAYOUT_BASE = 100


def build_context(unit):
    holding = [0] * SIZE
    for index, order in enumerate(modbus_layout.ORDERS):
        for offset, register in modbus_layout.encode(order).items():
            holding[LAYOUT_BASE + 100 * index + offset] = register
    slave = ModbusSlaveContext(
        co=ModbusSequentialDataBlock(0, [i % 3 == 0 for i in range(SIZE)]),
        di=ModbusSequentialDataBlock(0, [i % 5 == 0 for i in range(SIZE)]),
        ir=ModbusSequentialDataBlock(0, [2 * i for i in range(SIZE)]),
        hr=ModbusSequentialDataBlock(0, holding),
        zero_mode=True,
    )
    return ModbusServerContext(slaves={unit: slave}, single=False)


def build_identity():
    identity = ModbusDeviceIdentification()
    identity.VendorName = "pymodbus-peer"
    identity.ProductCode = "PM"
    identity.MajorMinorRevision = "3.0"
    return identity


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int)
    parser.add_argument("--framer", choices=["socket", "rtu"], default="socket")
    parser.add_argument("--serial")
    parser.add_argument("--baud", type=int, default=19200)
    parser.add_argument("--parity", choices=["N", "E", "O"], default="N")
    parser.add_argument("--unit", type=int, default=1)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    context = build_context(args.unit)
    if args.serial:
        server = await StartAsyncSerialServer(
            context=context, identity=build_identity(), framer=ModbusRtuFramer, port=args.serial,
            baudrate=args.baud, bytesize=8, parity=args.parity, stopbits=1, defer_start=True)
        await server.start()
    else:
        framer = ModbusRtuFramer if args.framer == "rtu" else ModbusSocketFramer
        server = await StartAsyncTcpServer(
            context=context, identity=build_identity(), address=("127.0.0.1", args.port), framer=framer, defer_start=True)
    print("ready", flush=True)
    await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
