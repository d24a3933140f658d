#!/usr/bin/python3
"""An independent Modbus peer for onecard's tests: a pymodbus server (Debian python3-pymodbus 3.0)
holding the registers of one meter, encoded by pymodbus's own BinaryPayloadBuilder, so onecard's
decoding is checked against another implementation. Run it with Debian's /usr/bin/python3.

    pymodbus_meter.py --model sdm120|dds238 --unit N (--tcp HOST:PORT | --rtu DEVICE [--baud N])
                      [--voltage-v V] [--current-a A] [--power-w W] [--energy-kwh KWH] [--relay 0|1]

Registers: sdm120 float32 input registers, high word first: 0x0000 V, 0x0006 A, 0x000C W,
0x0156 kWh (0x0000-0x0157 served, zeros elsewhere). dds238 holding registers: 0x0000 u32 energy
in 0.01 kWh, 0x000C u16 voltage in 0.1 V, 0x000D u16 current in 0.01 A, 0x000E i16 power in W,
0x001A relay (0x0000-0x001A served). Prints "listening tcp HOST:PORT" or "listening rtu DEVICE"
once it serves, and stops on SIGTERM or SIGINT. Port 0 picks a free port.
"""
import argparse
import asyncio
import signal
import sys

from pymodbus.constants import Endian
from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.payload import BinaryPayloadBuilder
from pymodbus.server.async_io import ModbusSerialServer, ModbusTcpServer
from pymodbus.transaction import ModbusRtuFramer


def words(add):
    builder = BinaryPayloadBuilder(byteorder=Endian.Big, wordorder=Endian.Big)
    add(builder)
    return builder.to_registers()


def registers(args):
    """Returns (input registers, holding registers) as lists starting at address 0."""
    if args.model == "sdm120":
        inputs = [0] * 0x158
        for address, value in ((0x0000, args.voltage_v), (0x0006, args.current_a), (0x000C, args.power_w), (0x0156, args.energy_kwh)):
            inputs[address:address + 2] = words(lambda b, v=value: b.add_32bit_float(v))
        return inputs, [0]
    holding = [0] * 0x1B
    holding[0x0000:0x0002] = words(lambda b: b.add_32bit_uint(round(args.energy_kwh * 100)))
    holding[0x000C] = words(lambda b: b.add_16bit_uint(round(args.voltage_v * 10)))[0]
    holding[0x000D] = words(lambda b: b.add_16bit_uint(round(args.current_a * 100)))[0]
    holding[0x000E] = words(lambda b: b.add_16bit_int(round(args.power_w)))[0]
    holding[0x001A] = args.relay
    return [0], holding


async def main():
    parser = argparse.ArgumentParser(description="pymodbus meter peer for onecard tests")
    parser.add_argument("--model", choices=["sdm120", "dds238"], required=True)
    parser.add_argument("--unit", type=int, required=True)
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--tcp")
    where.add_argument("--rtu")
    parser.add_argument("--baud", type=int, default=9600)
    parser.add_argument("--voltage-v", type=float, default=231.5)
    parser.add_argument("--current-a", type=float, default=4.25)
    parser.add_argument("--power-w", type=float, default=981.0)
    parser.add_argument("--energy-kwh", type=float, default=4321.25)
    parser.add_argument("--relay", type=int, choices=[0, 1], default=1)
    args = parser.parse_args()

    inputs, holding = registers(args)
    slave = ModbusSlaveContext(
        ir=ModbusSequentialDataBlock(0, inputs),
        hr=ModbusSequentialDataBlock(0, holding),
        zero_mode=True,
    )
    context = ModbusServerContext(slaves={args.unit: slave}, single=False)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)

    if args.tcp:
        host, port = args.tcp.rsplit(":", 1)
        server = ModbusTcpServer(context, address=(host, int(port)), ignore_missing_slaves=True)
        task = asyncio.create_task(server.serve_forever())
        await server.serving
        bound = server.server.sockets[0].getsockname()
        print(f"listening tcp {bound[0]}:{bound[1]}", flush=True)
        await stop.wait()
        await server.server_close()
        task.cancel()
    else:
        server = ModbusSerialServer(context, framer=ModbusRtuFramer, port=args.rtu, baudrate=args.baud, ignore_missing_slaves=True)
        await server.start()
        print(f"listening rtu {args.rtu}", flush=True)
        await stop.wait()
        await server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
