/**
 * Configures the protobufjs runtime before any generated code loads: 64-bit integers decode as
 * plain JS numbers, not `Long` objects. Values above 2^53 lose precision and are then refused by
 * the validators (every seq, time and amount must be a safe integer).
 */
import $protobuf from 'protobufjs/minimal.js';

$protobuf.util.Long = null as unknown as typeof $protobuf.util.Long;
$protobuf.configure();
