"""Typed test values shared by the pymodbus peers and the C# interop tests (ModbusPeerLayout.cs).

For each byte order i (ABCD, CDAB, BADC, DCBA) the values sit at holding register base + 100 * i:
int16 +0, uint16 +1, int32 +2, uint32 +4, int64 +6, uint64 +10, float32 +14, float64 +16, and in
ABCD only an 8-character string over 4 registers at +20.
"""
from pymodbus.constants import Endian
from pymodbus.payload import BinaryPayloadBuilder, BinaryPayloadDecoder

ORDERS = {
    "ABCD": (Endian.Big, Endian.Big),
    "CDAB": (Endian.Big, Endian.Little),
    "BADC": (Endian.Little, Endian.Big),
    "DCBA": (Endian.Little, Endian.Little),
}

VALUES = {
    "int16": -12345,
    "uint16": 54321,
    "int32": -123456789,
    "uint32": 3123456789,
    "int64": -1234567890123456789,
    "uint64": 12345678901234567890,
    "float32": 3.25,
    "float64": -2.718281828459045,
}

OFFSETS = {"int16": 0, "uint16": 1, "int32": 2, "uint32": 4, "int64": 6, "uint64": 10, "float32": 14, "float64": 16}
STRING = "Proxus-1"
STRING_OFFSET = 20


def encode(order):
    """Registers for one byte order, keyed by offset."""
    byteorder, wordorder = ORDERS[order]
    registers = {}
    for name, value in VALUES.items():
        builder = BinaryPayloadBuilder(byteorder=byteorder, wordorder=wordorder)
        getattr(builder, "add_" + _method(name))(value)
        for i, register in enumerate(builder.to_registers()):
            registers[OFFSETS[name] + i] = register
    if order == "ABCD":
        builder = BinaryPayloadBuilder(byteorder=byteorder, wordorder=wordorder)
        builder.add_string(STRING)
        for i, register in enumerate(builder.to_registers()):
            registers[STRING_OFFSET + i] = register
    return registers


def decode(order, registers):
    """Values decoded from registers laid out as encode() writes them (a list starting at offset 0)."""
    byteorder, wordorder = ORDERS[order]
    result = {}
    for name, offset in OFFSETS.items():
        decoder = BinaryPayloadDecoder.fromRegisters(registers[offset:offset + 4], byteorder=byteorder, wordorder=wordorder)
        result[name] = getattr(decoder, "decode_" + _method(name))()
    if order == "ABCD":
        decoder = BinaryPayloadDecoder.fromRegisters(registers[STRING_OFFSET:STRING_OFFSET + 4], byteorder=byteorder, wordorder=wordorder)
        result["string"] = decoder.decode_string(8).decode("ascii")
    return result


def _method(name):
    """int32 -> 32bit_int, uint16 -> 16bit_uint, float64 -> 64bit_float (pymodbus method suffixes)."""
    kind = name.rstrip("0123456789")
    return f"{name[len(kind):]}bit_{kind}"
