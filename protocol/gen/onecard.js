/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const onecard = $root.onecard = (() => {

    /**
     * Namespace onecard.
     * @exports onecard
     * @namespace
     */
    const onecard = {};

    onecard.v1 = (function() {

        /**
         * Namespace v1.
         * @memberof onecard
         * @namespace
         */
        const v1 = {};

        v1.Envelope = (function() {

            /**
             * Properties of an Envelope.
             * @typedef {Object} onecard.v1.Envelope.$Properties
             * @property {onecard.v1.Hello.$Properties|null} [hello] Envelope hello
             * @property {onecard.v1.Challenge.$Properties|null} [challenge] Envelope challenge
             * @property {onecard.v1.Auth.$Properties|null} [auth] Envelope auth
             * @property {onecard.v1.Welcome.$Properties|null} [welcome] Envelope welcome
             * @property {onecard.v1.EventBatch.$Properties|null} [events] Envelope events
             * @property {onecard.v1.Ack.$Properties|null} [ack] Envelope ack
             * @property {onecard.v1.DatasetUpdate.$Properties|null} [datasetUpdate] Envelope datasetUpdate
             * @property {onecard.v1.DatasetAck.$Properties|null} [datasetAck] Envelope datasetAck
             * @property {onecard.v1.Command.$Properties|null} [command] Envelope command
             * @property {onecard.v1.CommandResult.$Properties|null} [commandResult] Envelope commandResult
             * @property {onecard.v1.Heartbeat.$Properties|null} [heartbeat] Envelope heartbeat
             * @property {onecard.v1.Error.$Properties|null} [error] Envelope error
             * @property {"hello"|"challenge"|"auth"|"welcome"|"events"|"ack"|"datasetUpdate"|"datasetAck"|"command"|"commandResult"|"heartbeat"|"error"} [body] Envelope body
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Envelope.
             * @memberof onecard.v1
             * @interface IEnvelope
             * @augments onecard.v1.Envelope.$Properties
             * @deprecated Use onecard.v1.Envelope.$Properties instead.
             */

            /**
             * Narrowed shape of an Envelope.
             * @typedef {{
             *   hello?: onecard.v1.Hello.$Shape|null;
             *   challenge?: onecard.v1.Challenge.$Shape|null;
             *   auth?: onecard.v1.Auth.$Shape|null;
             *   welcome?: onecard.v1.Welcome.$Shape|null;
             *   events?: onecard.v1.EventBatch.$Shape|null;
             *   ack?: onecard.v1.Ack.$Shape|null;
             *   datasetUpdate?: onecard.v1.DatasetUpdate.$Shape|null;
             *   datasetAck?: onecard.v1.DatasetAck.$Shape|null;
             *   command?: onecard.v1.Command.$Shape|null;
             *   commandResult?: onecard.v1.CommandResult.$Shape|null;
             *   heartbeat?: onecard.v1.Heartbeat.$Shape|null;
             *   error?: onecard.v1.Error.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ body?: undefined; hello?: null; challenge?: null; auth?: null; welcome?: null; events?: null; ack?: null; datasetUpdate?: null; datasetAck?: null; command?: null; commandResult?: null; heartbeat?: null; error?: null }|{ body?: "hello"; hello: onecard.v1.Hello.$Shape; challenge?: null; auth?: null; welcome?: null; events?: null; ack?: null; datasetUpdate?: null; datasetAck?: null; command?: null; commandResult?: null; heartbeat?: null; error?: null }|{ body?: "challenge"; hello?: null; challenge: onecard.v1.Challenge.$Shape; auth?: null; welcome?: null; events?: null; ack?: null; datasetUpdate?: null; datasetAck?: null; command?: null; commandResult?: null; heartbeat?: null; error?: null }|{ body?: "auth"; hello?: null; challenge?: null; auth: onecard.v1.Auth.$Shape; welcome?: null; events?: null; ack?: null; datasetUpdate?: null; datasetAck?: null; command?: null; commandResult?: null; heartbeat?: null; error?: null }|{ body?: "welcome"; hello?: null; challenge?: null; auth?: null; welcome: onecard.v1.Welcome.$Shape; events?: null; ack?: null; datasetUpdate?: null; datasetAck?: null; command?: null; commandResult?: null; heartbeat?: null; error?: null }|{ body?: "events"; hello?: null; challenge?: null; auth?: null; welcome?: null; events: onecard.v1.EventBatch.$Shape; ack?: null; datasetUpdate?: null; datasetAck?: null; command?: null; commandResult?: null; heartbeat?: null; error?: null }|{ body?: "ack"; hello?: null; challenge?: null; auth?: null; welcome?: null; events?: null; ack: onecard.v1.Ack.$Shape; datasetUpdate?: null; datasetAck?: null; command?: null; commandResult?: null; heartbeat?: null; error?: null }|{ body?: "datasetUpdate"; hello?: null; challenge?: null; auth?: null; welcome?: null; events?: null; ack?: null; datasetUpdate: onecard.v1.DatasetUpdate.$Shape; datasetAck?: null; command?: null; commandResult?: null; heartbeat?: null; error?: null }|{ body?: "datasetAck"; hello?: null; challenge?: null; auth?: null; welcome?: null; events?: null; ack?: null; datasetUpdate?: null; datasetAck: onecard.v1.DatasetAck.$Shape; command?: null; commandResult?: null; heartbeat?: null; error?: null }|{ body?: "command"; hello?: null; challenge?: null; auth?: null; welcome?: null; events?: null; ack?: null; datasetUpdate?: null; datasetAck?: null; command: onecard.v1.Command.$Shape; commandResult?: null; heartbeat?: null; error?: null }|{ body?: "commandResult"; hello?: null; challenge?: null; auth?: null; welcome?: null; events?: null; ack?: null; datasetUpdate?: null; datasetAck?: null; command?: null; commandResult: onecard.v1.CommandResult.$Shape; heartbeat?: null; error?: null }|{ body?: "heartbeat"; hello?: null; challenge?: null; auth?: null; welcome?: null; events?: null; ack?: null; datasetUpdate?: null; datasetAck?: null; command?: null; commandResult?: null; heartbeat: onecard.v1.Heartbeat.$Shape; error?: null }|{ body?: "error"; hello?: null; challenge?: null; auth?: null; welcome?: null; events?: null; ack?: null; datasetUpdate?: null; datasetAck?: null; command?: null; commandResult?: null; heartbeat?: null; error: onecard.v1.Error.$Shape })
             * )} onecard.v1.Envelope.$Shape
             */

            /**
             * Constructs a new Envelope.
             * @memberof onecard.v1
             * @classdesc Represents an Envelope.
             * @constructor
             * @param {onecard.v1.Envelope.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Envelope = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Envelope hello.
             * @member {onecard.v1.Hello.$Properties|null|undefined} hello
             * @memberof onecard.v1.Envelope
             * @instance
             */
            Envelope.prototype.hello = null;

            /**
             * Envelope challenge.
             * @member {onecard.v1.Challenge.$Properties|null|undefined} challenge
             * @memberof onecard.v1.Envelope
             * @instance
             */
            Envelope.prototype.challenge = null;

            /**
             * Envelope auth.
             * @member {onecard.v1.Auth.$Properties|null|undefined} auth
             * @memberof onecard.v1.Envelope
             * @instance
             */
            Envelope.prototype.auth = null;

            /**
             * Envelope welcome.
             * @member {onecard.v1.Welcome.$Properties|null|undefined} welcome
             * @memberof onecard.v1.Envelope
             * @instance
             */
            Envelope.prototype.welcome = null;

            /**
             * Envelope events.
             * @member {onecard.v1.EventBatch.$Properties|null|undefined} events
             * @memberof onecard.v1.Envelope
             * @instance
             */
            Envelope.prototype.events = null;

            /**
             * Envelope ack.
             * @member {onecard.v1.Ack.$Properties|null|undefined} ack
             * @memberof onecard.v1.Envelope
             * @instance
             */
            Envelope.prototype.ack = null;

            /**
             * Envelope datasetUpdate.
             * @member {onecard.v1.DatasetUpdate.$Properties|null|undefined} datasetUpdate
             * @memberof onecard.v1.Envelope
             * @instance
             */
            Envelope.prototype.datasetUpdate = null;

            /**
             * Envelope datasetAck.
             * @member {onecard.v1.DatasetAck.$Properties|null|undefined} datasetAck
             * @memberof onecard.v1.Envelope
             * @instance
             */
            Envelope.prototype.datasetAck = null;

            /**
             * Envelope command.
             * @member {onecard.v1.Command.$Properties|null|undefined} command
             * @memberof onecard.v1.Envelope
             * @instance
             */
            Envelope.prototype.command = null;

            /**
             * Envelope commandResult.
             * @member {onecard.v1.CommandResult.$Properties|null|undefined} commandResult
             * @memberof onecard.v1.Envelope
             * @instance
             */
            Envelope.prototype.commandResult = null;

            /**
             * Envelope heartbeat.
             * @member {onecard.v1.Heartbeat.$Properties|null|undefined} heartbeat
             * @memberof onecard.v1.Envelope
             * @instance
             */
            Envelope.prototype.heartbeat = null;

            /**
             * Envelope error.
             * @member {onecard.v1.Error.$Properties|null|undefined} error
             * @memberof onecard.v1.Envelope
             * @instance
             */
            Envelope.prototype.error = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * Envelope body.
             * @member {"hello"|"challenge"|"auth"|"welcome"|"events"|"ack"|"datasetUpdate"|"datasetAck"|"command"|"commandResult"|"heartbeat"|"error"|undefined} body
             * @memberof onecard.v1.Envelope
             * @instance
             */
            $Object.defineProperty(Envelope.prototype, "body", {
                get: $util.oneOfGetter($oneOfFields = ["hello", "challenge", "auth", "welcome", "events", "ack", "datasetUpdate", "datasetAck", "command", "commandResult", "heartbeat", "error"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Envelope instance using the specified properties.
             * @function create
             * @memberof onecard.v1.Envelope
             * @static
             * @param {onecard.v1.Envelope.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.Envelope} Envelope instance
             * @type {{
             *   (properties: onecard.v1.Envelope.$Shape): onecard.v1.Envelope & onecard.v1.Envelope.$Shape;
             *   (properties?: onecard.v1.Envelope.$Properties): onecard.v1.Envelope;
             * }}
             */
            Envelope.create = function(properties) {
                return new Envelope(properties);
            };

            /**
             * Encodes the specified Envelope message. Does not implicitly {@link onecard.v1.Envelope.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.Envelope
             * @static
             * @param {onecard.v1.Envelope.$Properties} message Envelope message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Envelope.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.hello != null && $Object.hasOwnProperty.call(message, "hello"))
                    $root.onecard.v1.Hello.encode(message.hello, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.challenge != null && $Object.hasOwnProperty.call(message, "challenge"))
                    $root.onecard.v1.Challenge.encode(message.challenge, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.auth != null && $Object.hasOwnProperty.call(message, "auth"))
                    $root.onecard.v1.Auth.encode(message.auth, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.welcome != null && $Object.hasOwnProperty.call(message, "welcome"))
                    $root.onecard.v1.Welcome.encode(message.welcome, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.events != null && $Object.hasOwnProperty.call(message, "events"))
                    $root.onecard.v1.EventBatch.encode(message.events, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                if (message.ack != null && $Object.hasOwnProperty.call(message, "ack"))
                    $root.onecard.v1.Ack.encode(message.ack, writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
                if (message.datasetUpdate != null && $Object.hasOwnProperty.call(message, "datasetUpdate"))
                    $root.onecard.v1.DatasetUpdate.encode(message.datasetUpdate, writer.uint32(/* id 7, wireType 2 =*/58).fork(), _depth + 1).ldelim();
                if (message.datasetAck != null && $Object.hasOwnProperty.call(message, "datasetAck"))
                    $root.onecard.v1.DatasetAck.encode(message.datasetAck, writer.uint32(/* id 8, wireType 2 =*/66).fork(), _depth + 1).ldelim();
                if (message.command != null && $Object.hasOwnProperty.call(message, "command"))
                    $root.onecard.v1.Command.encode(message.command, writer.uint32(/* id 9, wireType 2 =*/74).fork(), _depth + 1).ldelim();
                if (message.commandResult != null && $Object.hasOwnProperty.call(message, "commandResult"))
                    $root.onecard.v1.CommandResult.encode(message.commandResult, writer.uint32(/* id 10, wireType 2 =*/82).fork(), _depth + 1).ldelim();
                if (message.heartbeat != null && $Object.hasOwnProperty.call(message, "heartbeat"))
                    $root.onecard.v1.Heartbeat.encode(message.heartbeat, writer.uint32(/* id 11, wireType 2 =*/90).fork(), _depth + 1).ldelim();
                if (message.error != null && $Object.hasOwnProperty.call(message, "error"))
                    $root.onecard.v1.Error.encode(message.error, writer.uint32(/* id 12, wireType 2 =*/98).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an Envelope message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.Envelope
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.Envelope & onecard.v1.Envelope.$Shape} Envelope
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Envelope.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.Envelope();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            message.hello = $root.onecard.v1.Hello.decode(reader, reader.size(), $undefined, _depth + 1, message.hello);
                            message.body = "hello";
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.challenge = $root.onecard.v1.Challenge.decode(reader, reader.size(), $undefined, _depth + 1, message.challenge);
                            message.body = "challenge";
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.auth = $root.onecard.v1.Auth.decode(reader, reader.size(), $undefined, _depth + 1, message.auth);
                            message.body = "auth";
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            message.welcome = $root.onecard.v1.Welcome.decode(reader, reader.size(), $undefined, _depth + 1, message.welcome);
                            message.body = "welcome";
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            message.events = $root.onecard.v1.EventBatch.decode(reader, reader.size(), $undefined, _depth + 1, message.events);
                            message.body = "events";
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            message.ack = $root.onecard.v1.Ack.decode(reader, reader.size(), $undefined, _depth + 1, message.ack);
                            message.body = "ack";
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            message.datasetUpdate = $root.onecard.v1.DatasetUpdate.decode(reader, reader.size(), $undefined, _depth + 1, message.datasetUpdate);
                            message.body = "datasetUpdate";
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            message.datasetAck = $root.onecard.v1.DatasetAck.decode(reader, reader.size(), $undefined, _depth + 1, message.datasetAck);
                            message.body = "datasetAck";
                            continue;
                        }
                    case 9: {
                            if (wireType !== 2)
                                break;
                            message.command = $root.onecard.v1.Command.decode(reader, reader.size(), $undefined, _depth + 1, message.command);
                            message.body = "command";
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            message.commandResult = $root.onecard.v1.CommandResult.decode(reader, reader.size(), $undefined, _depth + 1, message.commandResult);
                            message.body = "commandResult";
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            message.heartbeat = $root.onecard.v1.Heartbeat.decode(reader, reader.size(), $undefined, _depth + 1, message.heartbeat);
                            message.body = "heartbeat";
                            continue;
                        }
                    case 12: {
                            if (wireType !== 2)
                                break;
                            message.error = $root.onecard.v1.Error.decode(reader, reader.size(), $undefined, _depth + 1, message.error);
                            message.body = "error";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Envelope;
        })();

        v1.Hello = (function() {

            /**
             * Properties of a Hello.
             * @typedef {Object} onecard.v1.Hello.$Properties
             * @property {string|null} [deviceId] Hello deviceId
             * @property {number|null} [protocolVersion] Hello protocolVersion
             * @property {number|null} [lastSeqWritten] Hello lastSeqWritten
             * @property {Array.<onecard.v1.DatasetVersion.$Properties>|null} [datasets] Hello datasets
             * @property {string|null} [softwareVersion] Hello softwareVersion
             * @property {number|null} [ackedSeq] Hello ackedSeq
             * @property {number|null} [maxSnapshotChunks] Hello maxSnapshotChunks
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Hello.
             * @memberof onecard.v1
             * @interface IHello
             * @augments onecard.v1.Hello.$Properties
             * @deprecated Use onecard.v1.Hello.$Properties instead.
             */

            /**
             * Shape of a Hello.
             * @typedef {onecard.v1.Hello.$Properties} onecard.v1.Hello.$Shape
             */

            /**
             * Constructs a new Hello.
             * @memberof onecard.v1
             * @classdesc Represents a Hello.
             * @constructor
             * @param {onecard.v1.Hello.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Hello = function (properties) {
                this.datasets = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Hello deviceId.
             * @member {string} deviceId
             * @memberof onecard.v1.Hello
             * @instance
             */
            Hello.prototype.deviceId = "";

            /**
             * Hello protocolVersion.
             * @member {number} protocolVersion
             * @memberof onecard.v1.Hello
             * @instance
             */
            Hello.prototype.protocolVersion = 0;

            /**
             * Hello lastSeqWritten.
             * @member {number} lastSeqWritten
             * @memberof onecard.v1.Hello
             * @instance
             */
            Hello.prototype.lastSeqWritten = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Hello datasets.
             * @member {Array.<onecard.v1.DatasetVersion.$Properties>} datasets
             * @memberof onecard.v1.Hello
             * @instance
             */
            Hello.prototype.datasets = $util.emptyArray;

            /**
             * Hello softwareVersion.
             * @member {string} softwareVersion
             * @memberof onecard.v1.Hello
             * @instance
             */
            Hello.prototype.softwareVersion = "";

            /**
             * Hello ackedSeq.
             * @member {number} ackedSeq
             * @memberof onecard.v1.Hello
             * @instance
             */
            Hello.prototype.ackedSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Hello maxSnapshotChunks.
             * @member {number} maxSnapshotChunks
             * @memberof onecard.v1.Hello
             * @instance
             */
            Hello.prototype.maxSnapshotChunks = 0;

            /**
             * Creates a new Hello instance using the specified properties.
             * @function create
             * @memberof onecard.v1.Hello
             * @static
             * @param {onecard.v1.Hello.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.Hello} Hello instance
             * @type {{
             *   (properties: onecard.v1.Hello.$Shape): onecard.v1.Hello & onecard.v1.Hello.$Shape;
             *   (properties?: onecard.v1.Hello.$Properties): onecard.v1.Hello;
             * }}
             */
            Hello.create = function(properties) {
                return new Hello(properties);
            };

            /**
             * Encodes the specified Hello message. Does not implicitly {@link onecard.v1.Hello.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.Hello
             * @static
             * @param {onecard.v1.Hello.$Properties} message Hello message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Hello.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId") && message.deviceId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.deviceId);
                if (message.protocolVersion != null && $Object.hasOwnProperty.call(message, "protocolVersion") && message.protocolVersion !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.protocolVersion);
                if (message.lastSeqWritten != null && $Object.hasOwnProperty.call(message, "lastSeqWritten") && (typeof message.lastSeqWritten === "object" ? message.lastSeqWritten.low || message.lastSeqWritten.high : message.lastSeqWritten !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.lastSeqWritten);
                if (message.datasets != null && message.datasets.length)
                    for (let i = 0; i < message.datasets.length; ++i)
                        $root.onecard.v1.DatasetVersion.encode(message.datasets[i], writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.softwareVersion != null && $Object.hasOwnProperty.call(message, "softwareVersion") && message.softwareVersion !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.softwareVersion);
                if (message.ackedSeq != null && $Object.hasOwnProperty.call(message, "ackedSeq") && (typeof message.ackedSeq === "object" ? message.ackedSeq.low || message.ackedSeq.high : message.ackedSeq !== 0))
                    writer.uint32(/* id 6, wireType 0 =*/48).uint64(message.ackedSeq);
                if (message.maxSnapshotChunks != null && $Object.hasOwnProperty.call(message, "maxSnapshotChunks") && message.maxSnapshotChunks !== 0)
                    writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.maxSnapshotChunks);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Hello message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.Hello
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.Hello & onecard.v1.Hello.$Shape} Hello
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Hello.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.Hello();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.deviceId = value;
                            else
                                delete message.deviceId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.protocolVersion = value;
                            else
                                delete message.protocolVersion;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.lastSeqWritten = value;
                            else
                                delete message.lastSeqWritten;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if (!(message.datasets && message.datasets.length))
                                message.datasets = [];
                            message.datasets.push($root.onecard.v1.DatasetVersion.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.softwareVersion = value;
                            else
                                delete message.softwareVersion;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.ackedSeq = value;
                            else
                                delete message.ackedSeq;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.maxSnapshotChunks = value;
                            else
                                delete message.maxSnapshotChunks;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Hello;
        })();

        v1.Challenge = (function() {

            /**
             * Properties of a Challenge.
             * @typedef {Object} onecard.v1.Challenge.$Properties
             * @property {Uint8Array|null} [nonce] Challenge nonce
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Challenge.
             * @memberof onecard.v1
             * @interface IChallenge
             * @augments onecard.v1.Challenge.$Properties
             * @deprecated Use onecard.v1.Challenge.$Properties instead.
             */

            /**
             * Shape of a Challenge.
             * @typedef {onecard.v1.Challenge.$Properties} onecard.v1.Challenge.$Shape
             */

            /**
             * Constructs a new Challenge.
             * @memberof onecard.v1
             * @classdesc Represents a Challenge.
             * @constructor
             * @param {onecard.v1.Challenge.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Challenge = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Challenge nonce.
             * @member {Uint8Array} nonce
             * @memberof onecard.v1.Challenge
             * @instance
             */
            Challenge.prototype.nonce = $util.newBuffer([]);

            /**
             * Creates a new Challenge instance using the specified properties.
             * @function create
             * @memberof onecard.v1.Challenge
             * @static
             * @param {onecard.v1.Challenge.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.Challenge} Challenge instance
             * @type {{
             *   (properties: onecard.v1.Challenge.$Shape): onecard.v1.Challenge & onecard.v1.Challenge.$Shape;
             *   (properties?: onecard.v1.Challenge.$Properties): onecard.v1.Challenge;
             * }}
             */
            Challenge.create = function(properties) {
                return new Challenge(properties);
            };

            /**
             * Encodes the specified Challenge message. Does not implicitly {@link onecard.v1.Challenge.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.Challenge
             * @static
             * @param {onecard.v1.Challenge.$Properties} message Challenge message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Challenge.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.nonce != null && $Object.hasOwnProperty.call(message, "nonce") && message.nonce.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.nonce);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Challenge message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.Challenge
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.Challenge & onecard.v1.Challenge.$Shape} Challenge
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Challenge.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.Challenge();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.nonce = value;
                            else
                                delete message.nonce;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Challenge;
        })();

        v1.Auth = (function() {

            /**
             * Properties of an Auth.
             * @typedef {Object} onecard.v1.Auth.$Properties
             * @property {Uint8Array|null} [signature] Auth signature
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Auth.
             * @memberof onecard.v1
             * @interface IAuth
             * @augments onecard.v1.Auth.$Properties
             * @deprecated Use onecard.v1.Auth.$Properties instead.
             */

            /**
             * Shape of an Auth.
             * @typedef {onecard.v1.Auth.$Properties} onecard.v1.Auth.$Shape
             */

            /**
             * Constructs a new Auth.
             * @memberof onecard.v1
             * @classdesc Represents an Auth.
             * @constructor
             * @param {onecard.v1.Auth.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Auth = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Auth signature.
             * @member {Uint8Array} signature
             * @memberof onecard.v1.Auth
             * @instance
             */
            Auth.prototype.signature = $util.newBuffer([]);

            /**
             * Creates a new Auth instance using the specified properties.
             * @function create
             * @memberof onecard.v1.Auth
             * @static
             * @param {onecard.v1.Auth.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.Auth} Auth instance
             * @type {{
             *   (properties: onecard.v1.Auth.$Shape): onecard.v1.Auth & onecard.v1.Auth.$Shape;
             *   (properties?: onecard.v1.Auth.$Properties): onecard.v1.Auth;
             * }}
             */
            Auth.create = function(properties) {
                return new Auth(properties);
            };

            /**
             * Encodes the specified Auth message. Does not implicitly {@link onecard.v1.Auth.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.Auth
             * @static
             * @param {onecard.v1.Auth.$Properties} message Auth message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Auth.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.signature != null && $Object.hasOwnProperty.call(message, "signature") && message.signature.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.signature);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an Auth message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.Auth
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.Auth & onecard.v1.Auth.$Shape} Auth
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Auth.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.Auth();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.signature = value;
                            else
                                delete message.signature;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Auth;
        })();

        v1.Welcome = (function() {

            /**
             * Properties of a Welcome.
             * @typedef {Object} onecard.v1.Welcome.$Properties
             * @property {number|null} [ackedSeq] Welcome ackedSeq
             * @property {number|null} [hubTimeUnixMs] Welcome hubTimeUnixMs
             * @property {number|null} [heartbeatIntervalMs] Welcome heartbeatIntervalMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Welcome.
             * @memberof onecard.v1
             * @interface IWelcome
             * @augments onecard.v1.Welcome.$Properties
             * @deprecated Use onecard.v1.Welcome.$Properties instead.
             */

            /**
             * Shape of a Welcome.
             * @typedef {onecard.v1.Welcome.$Properties} onecard.v1.Welcome.$Shape
             */

            /**
             * Constructs a new Welcome.
             * @memberof onecard.v1
             * @classdesc Represents a Welcome.
             * @constructor
             * @param {onecard.v1.Welcome.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Welcome = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Welcome ackedSeq.
             * @member {number} ackedSeq
             * @memberof onecard.v1.Welcome
             * @instance
             */
            Welcome.prototype.ackedSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Welcome hubTimeUnixMs.
             * @member {number} hubTimeUnixMs
             * @memberof onecard.v1.Welcome
             * @instance
             */
            Welcome.prototype.hubTimeUnixMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Welcome heartbeatIntervalMs.
             * @member {number} heartbeatIntervalMs
             * @memberof onecard.v1.Welcome
             * @instance
             */
            Welcome.prototype.heartbeatIntervalMs = 0;

            /**
             * Creates a new Welcome instance using the specified properties.
             * @function create
             * @memberof onecard.v1.Welcome
             * @static
             * @param {onecard.v1.Welcome.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.Welcome} Welcome instance
             * @type {{
             *   (properties: onecard.v1.Welcome.$Shape): onecard.v1.Welcome & onecard.v1.Welcome.$Shape;
             *   (properties?: onecard.v1.Welcome.$Properties): onecard.v1.Welcome;
             * }}
             */
            Welcome.create = function(properties) {
                return new Welcome(properties);
            };

            /**
             * Encodes the specified Welcome message. Does not implicitly {@link onecard.v1.Welcome.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.Welcome
             * @static
             * @param {onecard.v1.Welcome.$Properties} message Welcome message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Welcome.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.ackedSeq != null && $Object.hasOwnProperty.call(message, "ackedSeq") && (typeof message.ackedSeq === "object" ? message.ackedSeq.low || message.ackedSeq.high : message.ackedSeq !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.ackedSeq);
                if (message.hubTimeUnixMs != null && $Object.hasOwnProperty.call(message, "hubTimeUnixMs") && (typeof message.hubTimeUnixMs === "object" ? message.hubTimeUnixMs.low || message.hubTimeUnixMs.high : message.hubTimeUnixMs !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.hubTimeUnixMs);
                if (message.heartbeatIntervalMs != null && $Object.hasOwnProperty.call(message, "heartbeatIntervalMs") && message.heartbeatIntervalMs !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.heartbeatIntervalMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Welcome message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.Welcome
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.Welcome & onecard.v1.Welcome.$Shape} Welcome
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Welcome.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.Welcome();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.ackedSeq = value;
                            else
                                delete message.ackedSeq;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.hubTimeUnixMs = value;
                            else
                                delete message.hubTimeUnixMs;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.heartbeatIntervalMs = value;
                            else
                                delete message.heartbeatIntervalMs;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Welcome;
        })();

        v1.EventBatch = (function() {

            /**
             * Properties of an EventBatch.
             * @typedef {Object} onecard.v1.EventBatch.$Properties
             * @property {Array.<onecard.v1.Event.$Properties>|null} [events] EventBatch events
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an EventBatch.
             * @memberof onecard.v1
             * @interface IEventBatch
             * @augments onecard.v1.EventBatch.$Properties
             * @deprecated Use onecard.v1.EventBatch.$Properties instead.
             */

            /**
             * Shape of an EventBatch.
             * @typedef {{
             *   events?: Array.<onecard.v1.Event.$Shape>|null;
             *   $unknowns?: Array.<Uint8Array>;
             * }} onecard.v1.EventBatch.$Shape
             */

            /**
             * Constructs a new EventBatch.
             * @memberof onecard.v1
             * @classdesc Represents an EventBatch.
             * @constructor
             * @param {onecard.v1.EventBatch.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const EventBatch = function (properties) {
                this.events = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * EventBatch events.
             * @member {Array.<onecard.v1.Event.$Properties>} events
             * @memberof onecard.v1.EventBatch
             * @instance
             */
            EventBatch.prototype.events = $util.emptyArray;

            /**
             * Creates a new EventBatch instance using the specified properties.
             * @function create
             * @memberof onecard.v1.EventBatch
             * @static
             * @param {onecard.v1.EventBatch.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.EventBatch} EventBatch instance
             * @type {{
             *   (properties: onecard.v1.EventBatch.$Shape): onecard.v1.EventBatch & onecard.v1.EventBatch.$Shape;
             *   (properties?: onecard.v1.EventBatch.$Properties): onecard.v1.EventBatch;
             * }}
             */
            EventBatch.create = function(properties) {
                return new EventBatch(properties);
            };

            /**
             * Encodes the specified EventBatch message. Does not implicitly {@link onecard.v1.EventBatch.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.EventBatch
             * @static
             * @param {onecard.v1.EventBatch.$Properties} message EventBatch message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            EventBatch.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.events != null && message.events.length)
                    for (let i = 0; i < message.events.length; ++i)
                        $root.onecard.v1.Event.encode(message.events[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an EventBatch message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.EventBatch
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.EventBatch & onecard.v1.EventBatch.$Shape} EventBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            EventBatch.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.EventBatch();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.events && message.events.length))
                                message.events = [];
                            message.events.push($root.onecard.v1.Event.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return EventBatch;
        })();

        v1.Event = (function() {

            /**
             * Properties of an Event.
             * @typedef {Object} onecard.v1.Event.$Properties
             * @property {string|null} [deviceId] Event deviceId
             * @property {number|null} [seq] Event seq
             * @property {number|null} [deviceTimeUnixMs] Event deviceTimeUnixMs
             * @property {string|null} [pointId] Event pointId
             * @property {Uint8Array|null} [prevHash] Event prevHash
             * @property {number|null} [monotonicMs] Event monotonicMs
             * @property {boolean|null} [offline] Event offline
             * @property {boolean|null} [offlineAuthorised] Event offlineAuthorised
             * @property {onecard.v1.AccessDecision.$Properties|null} [access] Event access
             * @property {onecard.v1.Charge.$Properties|null} [charge] Event charge
             * @property {onecard.v1.MeterReading.$Properties|null} [meterReading] Event meterReading
             * @property {onecard.v1.Alarm.$Properties|null} [alarm] Event alarm
             * @property {onecard.v1.SelfTestResult.$Properties|null} [selfTest] Event selfTest
             * @property {onecard.v1.ShowerSession.$Properties|null} [showerSession] Event showerSession
             * @property {"access"|"charge"|"meterReading"|"alarm"|"selfTest"|"showerSession"} [payload] Event payload
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Event.
             * @memberof onecard.v1
             * @interface IEvent
             * @augments onecard.v1.Event.$Properties
             * @deprecated Use onecard.v1.Event.$Properties instead.
             */

            /**
             * Narrowed shape of an Event.
             * @typedef {{
             *   deviceId?: string|null;
             *   seq?: number|null;
             *   deviceTimeUnixMs?: number|null;
             *   pointId?: string|null;
             *   prevHash?: Uint8Array|null;
             *   monotonicMs?: number|null;
             *   offline?: boolean|null;
             *   offlineAuthorised?: boolean|null;
             *   access?: onecard.v1.AccessDecision.$Shape|null;
             *   charge?: onecard.v1.Charge.$Shape|null;
             *   meterReading?: onecard.v1.MeterReading.$Shape|null;
             *   alarm?: onecard.v1.Alarm.$Shape|null;
             *   selfTest?: onecard.v1.SelfTestResult.$Shape|null;
             *   showerSession?: onecard.v1.ShowerSession.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ payload?: undefined; access?: null; charge?: null; meterReading?: null; alarm?: null; selfTest?: null; showerSession?: null }|{ payload?: "access"; access: onecard.v1.AccessDecision.$Shape; charge?: null; meterReading?: null; alarm?: null; selfTest?: null; showerSession?: null }|{ payload?: "charge"; access?: null; charge: onecard.v1.Charge.$Shape; meterReading?: null; alarm?: null; selfTest?: null; showerSession?: null }|{ payload?: "meterReading"; access?: null; charge?: null; meterReading: onecard.v1.MeterReading.$Shape; alarm?: null; selfTest?: null; showerSession?: null }|{ payload?: "alarm"; access?: null; charge?: null; meterReading?: null; alarm: onecard.v1.Alarm.$Shape; selfTest?: null; showerSession?: null }|{ payload?: "selfTest"; access?: null; charge?: null; meterReading?: null; alarm?: null; selfTest: onecard.v1.SelfTestResult.$Shape; showerSession?: null }|{ payload?: "showerSession"; access?: null; charge?: null; meterReading?: null; alarm?: null; selfTest?: null; showerSession: onecard.v1.ShowerSession.$Shape })
             * )} onecard.v1.Event.$Shape
             */

            /**
             * Constructs a new Event.
             * @memberof onecard.v1
             * @classdesc Represents an Event.
             * @constructor
             * @param {onecard.v1.Event.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Event = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Event deviceId.
             * @member {string} deviceId
             * @memberof onecard.v1.Event
             * @instance
             */
            Event.prototype.deviceId = "";

            /**
             * Event seq.
             * @member {number} seq
             * @memberof onecard.v1.Event
             * @instance
             */
            Event.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Event deviceTimeUnixMs.
             * @member {number} deviceTimeUnixMs
             * @memberof onecard.v1.Event
             * @instance
             */
            Event.prototype.deviceTimeUnixMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Event pointId.
             * @member {string} pointId
             * @memberof onecard.v1.Event
             * @instance
             */
            Event.prototype.pointId = "";

            /**
             * Event prevHash.
             * @member {Uint8Array} prevHash
             * @memberof onecard.v1.Event
             * @instance
             */
            Event.prototype.prevHash = $util.newBuffer([]);

            /**
             * Event monotonicMs.
             * @member {number} monotonicMs
             * @memberof onecard.v1.Event
             * @instance
             */
            Event.prototype.monotonicMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Event offline.
             * @member {boolean} offline
             * @memberof onecard.v1.Event
             * @instance
             */
            Event.prototype.offline = false;

            /**
             * Event offlineAuthorised.
             * @member {boolean} offlineAuthorised
             * @memberof onecard.v1.Event
             * @instance
             */
            Event.prototype.offlineAuthorised = false;

            /**
             * Event access.
             * @member {onecard.v1.AccessDecision.$Properties|null|undefined} access
             * @memberof onecard.v1.Event
             * @instance
             */
            Event.prototype.access = null;

            /**
             * Event charge.
             * @member {onecard.v1.Charge.$Properties|null|undefined} charge
             * @memberof onecard.v1.Event
             * @instance
             */
            Event.prototype.charge = null;

            /**
             * Event meterReading.
             * @member {onecard.v1.MeterReading.$Properties|null|undefined} meterReading
             * @memberof onecard.v1.Event
             * @instance
             */
            Event.prototype.meterReading = null;

            /**
             * Event alarm.
             * @member {onecard.v1.Alarm.$Properties|null|undefined} alarm
             * @memberof onecard.v1.Event
             * @instance
             */
            Event.prototype.alarm = null;

            /**
             * Event selfTest.
             * @member {onecard.v1.SelfTestResult.$Properties|null|undefined} selfTest
             * @memberof onecard.v1.Event
             * @instance
             */
            Event.prototype.selfTest = null;

            /**
             * Event showerSession.
             * @member {onecard.v1.ShowerSession.$Properties|null|undefined} showerSession
             * @memberof onecard.v1.Event
             * @instance
             */
            Event.prototype.showerSession = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * Event payload.
             * @member {"access"|"charge"|"meterReading"|"alarm"|"selfTest"|"showerSession"|undefined} payload
             * @memberof onecard.v1.Event
             * @instance
             */
            $Object.defineProperty(Event.prototype, "payload", {
                get: $util.oneOfGetter($oneOfFields = ["access", "charge", "meterReading", "alarm", "selfTest", "showerSession"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Event instance using the specified properties.
             * @function create
             * @memberof onecard.v1.Event
             * @static
             * @param {onecard.v1.Event.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.Event} Event instance
             * @type {{
             *   (properties: onecard.v1.Event.$Shape): onecard.v1.Event & onecard.v1.Event.$Shape;
             *   (properties?: onecard.v1.Event.$Properties): onecard.v1.Event;
             * }}
             */
            Event.create = function(properties) {
                return new Event(properties);
            };

            /**
             * Encodes the specified Event message. Does not implicitly {@link onecard.v1.Event.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.Event
             * @static
             * @param {onecard.v1.Event.$Properties} message Event message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Event.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.deviceId != null && $Object.hasOwnProperty.call(message, "deviceId") && message.deviceId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.deviceId);
                if (message.seq != null && $Object.hasOwnProperty.call(message, "seq") && (typeof message.seq === "object" ? message.seq.low || message.seq.high : message.seq !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.seq);
                if (message.deviceTimeUnixMs != null && $Object.hasOwnProperty.call(message, "deviceTimeUnixMs") && (typeof message.deviceTimeUnixMs === "object" ? message.deviceTimeUnixMs.low || message.deviceTimeUnixMs.high : message.deviceTimeUnixMs !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.deviceTimeUnixMs);
                if (message.pointId != null && $Object.hasOwnProperty.call(message, "pointId") && message.pointId !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.pointId);
                if (message.prevHash != null && $Object.hasOwnProperty.call(message, "prevHash") && message.prevHash.length)
                    writer.uint32(/* id 5, wireType 2 =*/42).bytes(message.prevHash);
                if (message.monotonicMs != null && $Object.hasOwnProperty.call(message, "monotonicMs") && (typeof message.monotonicMs === "object" ? message.monotonicMs.low || message.monotonicMs.high : message.monotonicMs !== 0))
                    writer.uint32(/* id 6, wireType 0 =*/48).uint64(message.monotonicMs);
                if (message.offline != null && $Object.hasOwnProperty.call(message, "offline") && message.offline !== false)
                    writer.uint32(/* id 7, wireType 0 =*/56).bool(message.offline);
                if (message.offlineAuthorised != null && $Object.hasOwnProperty.call(message, "offlineAuthorised") && message.offlineAuthorised !== false)
                    writer.uint32(/* id 8, wireType 0 =*/64).bool(message.offlineAuthorised);
                if (message.access != null && $Object.hasOwnProperty.call(message, "access"))
                    $root.onecard.v1.AccessDecision.encode(message.access, writer.uint32(/* id 10, wireType 2 =*/82).fork(), _depth + 1).ldelim();
                if (message.charge != null && $Object.hasOwnProperty.call(message, "charge"))
                    $root.onecard.v1.Charge.encode(message.charge, writer.uint32(/* id 11, wireType 2 =*/90).fork(), _depth + 1).ldelim();
                if (message.meterReading != null && $Object.hasOwnProperty.call(message, "meterReading"))
                    $root.onecard.v1.MeterReading.encode(message.meterReading, writer.uint32(/* id 12, wireType 2 =*/98).fork(), _depth + 1).ldelim();
                if (message.alarm != null && $Object.hasOwnProperty.call(message, "alarm"))
                    $root.onecard.v1.Alarm.encode(message.alarm, writer.uint32(/* id 13, wireType 2 =*/106).fork(), _depth + 1).ldelim();
                if (message.selfTest != null && $Object.hasOwnProperty.call(message, "selfTest"))
                    $root.onecard.v1.SelfTestResult.encode(message.selfTest, writer.uint32(/* id 14, wireType 2 =*/114).fork(), _depth + 1).ldelim();
                if (message.showerSession != null && $Object.hasOwnProperty.call(message, "showerSession"))
                    $root.onecard.v1.ShowerSession.encode(message.showerSession, writer.uint32(/* id 15, wireType 2 =*/122).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an Event message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.Event
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.Event & onecard.v1.Event.$Shape} Event
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Event.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.Event();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.deviceId = value;
                            else
                                delete message.deviceId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.seq = value;
                            else
                                delete message.seq;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.deviceTimeUnixMs = value;
                            else
                                delete message.deviceTimeUnixMs;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.pointId = value;
                            else
                                delete message.pointId;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.prevHash = value;
                            else
                                delete message.prevHash;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.monotonicMs = value;
                            else
                                delete message.monotonicMs;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.offline = value;
                            else
                                delete message.offline;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.offlineAuthorised = value;
                            else
                                delete message.offlineAuthorised;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            message.access = $root.onecard.v1.AccessDecision.decode(reader, reader.size(), $undefined, _depth + 1, message.access);
                            message.payload = "access";
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            message.charge = $root.onecard.v1.Charge.decode(reader, reader.size(), $undefined, _depth + 1, message.charge);
                            message.payload = "charge";
                            continue;
                        }
                    case 12: {
                            if (wireType !== 2)
                                break;
                            message.meterReading = $root.onecard.v1.MeterReading.decode(reader, reader.size(), $undefined, _depth + 1, message.meterReading);
                            message.payload = "meterReading";
                            continue;
                        }
                    case 13: {
                            if (wireType !== 2)
                                break;
                            message.alarm = $root.onecard.v1.Alarm.decode(reader, reader.size(), $undefined, _depth + 1, message.alarm);
                            message.payload = "alarm";
                            continue;
                        }
                    case 14: {
                            if (wireType !== 2)
                                break;
                            message.selfTest = $root.onecard.v1.SelfTestResult.decode(reader, reader.size(), $undefined, _depth + 1, message.selfTest);
                            message.payload = "selfTest";
                            continue;
                        }
                    case 15: {
                            if (wireType !== 2)
                                break;
                            message.showerSession = $root.onecard.v1.ShowerSession.decode(reader, reader.size(), $undefined, _depth + 1, message.showerSession);
                            message.payload = "showerSession";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Event;
        })();

        /**
         * AccessReason enum.
         * @name onecard.v1.AccessReason
         * @enum {number}
         * @property {number} ACCESS_REASON_UNSPECIFIED=0 ACCESS_REASON_UNSPECIFIED value
         * @property {number} ACCESS_REASON_GRANTED=1 ACCESS_REASON_GRANTED value
         * @property {number} ACCESS_REASON_DENIED_BLACKLISTED=2 ACCESS_REASON_DENIED_BLACKLISTED value
         * @property {number} ACCESS_REASON_DENIED_UNKNOWN_CARD=3 ACCESS_REASON_DENIED_UNKNOWN_CARD value
         * @property {number} ACCESS_REASON_GRANTED_REMOTE=4 ACCESS_REASON_GRANTED_REMOTE value
         * @property {number} ACCESS_REASON_DENIED_EXPIRED=5 ACCESS_REASON_DENIED_EXPIRED value
         * @property {number} ACCESS_REASON_DENIED_NOT_YET_VALID=6 ACCESS_REASON_DENIED_NOT_YET_VALID value
         * @property {number} ACCESS_REASON_DENIED_NOT_IN_GROUP=7 ACCESS_REASON_DENIED_NOT_IN_GROUP value
         * @property {number} ACCESS_REASON_DENIED_LOST=8 ACCESS_REASON_DENIED_LOST value
         * @property {number} ACCESS_REASON_DENIED_REPLACED=9 ACCESS_REASON_DENIED_REPLACED value
         * @property {number} ACCESS_REASON_DENIED_CANCELLED=10 ACCESS_REASON_DENIED_CANCELLED value
         * @property {number} ACCESS_REASON_DENIED_OUTSIDE_SCHEDULE=11 ACCESS_REASON_DENIED_OUTSIDE_SCHEDULE value
         * @property {number} ACCESS_REASON_DENIED_HOLIDAY=12 ACCESS_REASON_DENIED_HOLIDAY value
         * @property {number} ACCESS_REASON_DENIED_ANTI_PASSBACK=13 ACCESS_REASON_DENIED_ANTI_PASSBACK value
         * @property {number} ACCESS_REASON_GRANTED_EXIT_REQUEST=14 ACCESS_REASON_GRANTED_EXIT_REQUEST value
         * @property {number} ACCESS_REASON_DENIED_INSUFFICIENT_BALANCE=15 ACCESS_REASON_DENIED_INSUFFICIENT_BALANCE value
         * @property {number} ACCESS_REASON_DENIED_DAILY_LIMIT=16 ACCESS_REASON_DENIED_DAILY_LIMIT value
         * @property {number} ACCESS_REASON_DENIED_OFFLINE_LIMIT=17 ACCESS_REASON_DENIED_OFFLINE_LIMIT value
         * @property {number} ACCESS_REASON_DENIED_NO_ACCOUNT=18 ACCESS_REASON_DENIED_NO_ACCOUNT value
         * @property {number} ACCESS_REASON_DENIED_NO_TARIFF=19 ACCESS_REASON_DENIED_NO_TARIFF value
         * @property {number} ACCESS_REASON_DENIED_SESSION_OPEN=20 ACCESS_REASON_DENIED_SESSION_OPEN value
         * @property {number} ACCESS_REASON_DENIED_JOURNAL_FULL=21 ACCESS_REASON_DENIED_JOURNAL_FULL value
         * @property {number} ACCESS_REASON_DENIED_POINT_FAULT=22 ACCESS_REASON_DENIED_POINT_FAULT value
         */
        v1.AccessReason = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "ACCESS_REASON_UNSPECIFIED"] = 0;
            values[valuesById[1] = "ACCESS_REASON_GRANTED"] = 1;
            values[valuesById[2] = "ACCESS_REASON_DENIED_BLACKLISTED"] = 2;
            values[valuesById[3] = "ACCESS_REASON_DENIED_UNKNOWN_CARD"] = 3;
            values[valuesById[4] = "ACCESS_REASON_GRANTED_REMOTE"] = 4;
            values[valuesById[5] = "ACCESS_REASON_DENIED_EXPIRED"] = 5;
            values[valuesById[6] = "ACCESS_REASON_DENIED_NOT_YET_VALID"] = 6;
            values[valuesById[7] = "ACCESS_REASON_DENIED_NOT_IN_GROUP"] = 7;
            values[valuesById[8] = "ACCESS_REASON_DENIED_LOST"] = 8;
            values[valuesById[9] = "ACCESS_REASON_DENIED_REPLACED"] = 9;
            values[valuesById[10] = "ACCESS_REASON_DENIED_CANCELLED"] = 10;
            values[valuesById[11] = "ACCESS_REASON_DENIED_OUTSIDE_SCHEDULE"] = 11;
            values[valuesById[12] = "ACCESS_REASON_DENIED_HOLIDAY"] = 12;
            values[valuesById[13] = "ACCESS_REASON_DENIED_ANTI_PASSBACK"] = 13;
            values[valuesById[14] = "ACCESS_REASON_GRANTED_EXIT_REQUEST"] = 14;
            values[valuesById[15] = "ACCESS_REASON_DENIED_INSUFFICIENT_BALANCE"] = 15;
            values[valuesById[16] = "ACCESS_REASON_DENIED_DAILY_LIMIT"] = 16;
            values[valuesById[17] = "ACCESS_REASON_DENIED_OFFLINE_LIMIT"] = 17;
            values[valuesById[18] = "ACCESS_REASON_DENIED_NO_ACCOUNT"] = 18;
            values[valuesById[19] = "ACCESS_REASON_DENIED_NO_TARIFF"] = 19;
            values[valuesById[20] = "ACCESS_REASON_DENIED_SESSION_OPEN"] = 20;
            values[valuesById[21] = "ACCESS_REASON_DENIED_JOURNAL_FULL"] = 21;
            values[valuesById[22] = "ACCESS_REASON_DENIED_POINT_FAULT"] = 22;
            return values;
        })();

        /**
         * SpendRule enum.
         * @name onecard.v1.SpendRule
         * @enum {number}
         * @property {number} SPEND_RULE_UNSPECIFIED=0 SPEND_RULE_UNSPECIFIED value
         * @property {number} SPEND_RULE_BALANCE=1 SPEND_RULE_BALANCE value
         * @property {number} SPEND_RULE_DAILY_LIMIT=2 SPEND_RULE_DAILY_LIMIT value
         * @property {number} SPEND_RULE_OFFLINE_LIMIT=3 SPEND_RULE_OFFLINE_LIMIT value
         * @property {number} SPEND_RULE_MAX_SESSION_COST=4 SPEND_RULE_MAX_SESSION_COST value
         */
        v1.SpendRule = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "SPEND_RULE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "SPEND_RULE_BALANCE"] = 1;
            values[valuesById[2] = "SPEND_RULE_DAILY_LIMIT"] = 2;
            values[valuesById[3] = "SPEND_RULE_OFFLINE_LIMIT"] = 3;
            values[valuesById[4] = "SPEND_RULE_MAX_SESSION_COST"] = 4;
            return values;
        })();

        v1.AccessDecision = (function() {

            /**
             * Properties of an AccessDecision.
             * @typedef {Object} onecard.v1.AccessDecision.$Properties
             * @property {string|null} [cardUid] AccessDecision cardUid
             * @property {boolean|null} [granted] AccessDecision granted
             * @property {onecard.v1.AccessReason|null} [reason] AccessDecision reason
             * @property {number|null} [decisionLatencyUs] AccessDecision decisionLatencyUs
             * @property {number|null} [blacklistVersion] AccessDecision blacklistVersion
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an AccessDecision.
             * @memberof onecard.v1
             * @interface IAccessDecision
             * @augments onecard.v1.AccessDecision.$Properties
             * @deprecated Use onecard.v1.AccessDecision.$Properties instead.
             */

            /**
             * Shape of an AccessDecision.
             * @typedef {onecard.v1.AccessDecision.$Properties} onecard.v1.AccessDecision.$Shape
             */

            /**
             * Constructs a new AccessDecision.
             * @memberof onecard.v1
             * @classdesc Represents an AccessDecision.
             * @constructor
             * @param {onecard.v1.AccessDecision.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const AccessDecision = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * AccessDecision cardUid.
             * @member {string} cardUid
             * @memberof onecard.v1.AccessDecision
             * @instance
             */
            AccessDecision.prototype.cardUid = "";

            /**
             * AccessDecision granted.
             * @member {boolean} granted
             * @memberof onecard.v1.AccessDecision
             * @instance
             */
            AccessDecision.prototype.granted = false;

            /**
             * AccessDecision reason.
             * @member {onecard.v1.AccessReason} reason
             * @memberof onecard.v1.AccessDecision
             * @instance
             */
            AccessDecision.prototype.reason = 0;

            /**
             * AccessDecision decisionLatencyUs.
             * @member {number} decisionLatencyUs
             * @memberof onecard.v1.AccessDecision
             * @instance
             */
            AccessDecision.prototype.decisionLatencyUs = 0;

            /**
             * AccessDecision blacklistVersion.
             * @member {number} blacklistVersion
             * @memberof onecard.v1.AccessDecision
             * @instance
             */
            AccessDecision.prototype.blacklistVersion = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new AccessDecision instance using the specified properties.
             * @function create
             * @memberof onecard.v1.AccessDecision
             * @static
             * @param {onecard.v1.AccessDecision.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.AccessDecision} AccessDecision instance
             * @type {{
             *   (properties: onecard.v1.AccessDecision.$Shape): onecard.v1.AccessDecision & onecard.v1.AccessDecision.$Shape;
             *   (properties?: onecard.v1.AccessDecision.$Properties): onecard.v1.AccessDecision;
             * }}
             */
            AccessDecision.create = function(properties) {
                return new AccessDecision(properties);
            };

            /**
             * Encodes the specified AccessDecision message. Does not implicitly {@link onecard.v1.AccessDecision.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.AccessDecision
             * @static
             * @param {onecard.v1.AccessDecision.$Properties} message AccessDecision message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            AccessDecision.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.cardUid != null && $Object.hasOwnProperty.call(message, "cardUid") && message.cardUid !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.cardUid);
                if (message.granted != null && $Object.hasOwnProperty.call(message, "granted") && message.granted !== false)
                    writer.uint32(/* id 2, wireType 0 =*/16).bool(message.granted);
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).int32(message.reason);
                if (message.decisionLatencyUs != null && $Object.hasOwnProperty.call(message, "decisionLatencyUs") && message.decisionLatencyUs !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.decisionLatencyUs);
                if (message.blacklistVersion != null && $Object.hasOwnProperty.call(message, "blacklistVersion") && (typeof message.blacklistVersion === "object" ? message.blacklistVersion.low || message.blacklistVersion.high : message.blacklistVersion !== 0))
                    writer.uint32(/* id 5, wireType 0 =*/40).uint64(message.blacklistVersion);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an AccessDecision message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.AccessDecision
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.AccessDecision & onecard.v1.AccessDecision.$Shape} AccessDecision
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            AccessDecision.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.AccessDecision();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.cardUid = value;
                            else
                                delete message.cardUid;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.granted = value;
                            else
                                delete message.granted;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.reason = value;
                            else
                                delete message.reason;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.decisionLatencyUs = value;
                            else
                                delete message.decisionLatencyUs;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.blacklistVersion = value;
                            else
                                delete message.blacklistVersion;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return AccessDecision;
        })();

        v1.Charge = (function() {

            /**
             * Properties of a Charge.
             * @typedef {Object} onecard.v1.Charge.$Properties
             * @property {string|null} [cardUid] Charge cardUid
             * @property {string|null} [accountId] Charge accountId
             * @property {number|null} [amountFen] Charge amountFen
             * @property {string|null} [tariffId] Charge tariffId
             * @property {string|null} [sessionId] Charge sessionId
             * @property {onecard.v1.ChargeBasis|null} [basis] Charge basis
             * @property {number|null} [volumeMl] Charge volumeMl
             * @property {number|null} [durationMs] Charge durationMs
             * @property {number|null} [energyWh] Charge energyWh
             * @property {number|null} [freeEnergyWh] Charge freeEnergyWh
             * @property {onecard.v1.SpendRule|null} [spendRule] Charge spendRule
             * @property {boolean|null} [minimumApplied] Charge minimumApplied
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Charge.
             * @memberof onecard.v1
             * @interface ICharge
             * @augments onecard.v1.Charge.$Properties
             * @deprecated Use onecard.v1.Charge.$Properties instead.
             */

            /**
             * Shape of a Charge.
             * @typedef {onecard.v1.Charge.$Properties} onecard.v1.Charge.$Shape
             */

            /**
             * Constructs a new Charge.
             * @memberof onecard.v1
             * @classdesc Represents a Charge.
             * @constructor
             * @param {onecard.v1.Charge.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Charge = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Charge cardUid.
             * @member {string} cardUid
             * @memberof onecard.v1.Charge
             * @instance
             */
            Charge.prototype.cardUid = "";

            /**
             * Charge accountId.
             * @member {string} accountId
             * @memberof onecard.v1.Charge
             * @instance
             */
            Charge.prototype.accountId = "";

            /**
             * Charge amountFen.
             * @member {number} amountFen
             * @memberof onecard.v1.Charge
             * @instance
             */
            Charge.prototype.amountFen = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Charge tariffId.
             * @member {string} tariffId
             * @memberof onecard.v1.Charge
             * @instance
             */
            Charge.prototype.tariffId = "";

            /**
             * Charge sessionId.
             * @member {string} sessionId
             * @memberof onecard.v1.Charge
             * @instance
             */
            Charge.prototype.sessionId = "";

            /**
             * Charge basis.
             * @member {onecard.v1.ChargeBasis} basis
             * @memberof onecard.v1.Charge
             * @instance
             */
            Charge.prototype.basis = 0;

            /**
             * Charge volumeMl.
             * @member {number} volumeMl
             * @memberof onecard.v1.Charge
             * @instance
             */
            Charge.prototype.volumeMl = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Charge durationMs.
             * @member {number} durationMs
             * @memberof onecard.v1.Charge
             * @instance
             */
            Charge.prototype.durationMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Charge energyWh.
             * @member {number} energyWh
             * @memberof onecard.v1.Charge
             * @instance
             */
            Charge.prototype.energyWh = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Charge freeEnergyWh.
             * @member {number} freeEnergyWh
             * @memberof onecard.v1.Charge
             * @instance
             */
            Charge.prototype.freeEnergyWh = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Charge spendRule.
             * @member {onecard.v1.SpendRule} spendRule
             * @memberof onecard.v1.Charge
             * @instance
             */
            Charge.prototype.spendRule = 0;

            /**
             * Charge minimumApplied.
             * @member {boolean} minimumApplied
             * @memberof onecard.v1.Charge
             * @instance
             */
            Charge.prototype.minimumApplied = false;

            /**
             * Creates a new Charge instance using the specified properties.
             * @function create
             * @memberof onecard.v1.Charge
             * @static
             * @param {onecard.v1.Charge.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.Charge} Charge instance
             * @type {{
             *   (properties: onecard.v1.Charge.$Shape): onecard.v1.Charge & onecard.v1.Charge.$Shape;
             *   (properties?: onecard.v1.Charge.$Properties): onecard.v1.Charge;
             * }}
             */
            Charge.create = function(properties) {
                return new Charge(properties);
            };

            /**
             * Encodes the specified Charge message. Does not implicitly {@link onecard.v1.Charge.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.Charge
             * @static
             * @param {onecard.v1.Charge.$Properties} message Charge message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Charge.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.cardUid != null && $Object.hasOwnProperty.call(message, "cardUid") && message.cardUid !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.cardUid);
                if (message.accountId != null && $Object.hasOwnProperty.call(message, "accountId") && message.accountId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.accountId);
                if (message.amountFen != null && $Object.hasOwnProperty.call(message, "amountFen") && (typeof message.amountFen === "object" ? message.amountFen.low || message.amountFen.high : message.amountFen !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).int64(message.amountFen);
                if (message.tariffId != null && $Object.hasOwnProperty.call(message, "tariffId") && message.tariffId !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.tariffId);
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId") && message.sessionId !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.sessionId);
                if (message.basis != null && $Object.hasOwnProperty.call(message, "basis") && message.basis !== 0)
                    writer.uint32(/* id 6, wireType 0 =*/48).int32(message.basis);
                if (message.volumeMl != null && $Object.hasOwnProperty.call(message, "volumeMl") && (typeof message.volumeMl === "object" ? message.volumeMl.low || message.volumeMl.high : message.volumeMl !== 0))
                    writer.uint32(/* id 7, wireType 0 =*/56).uint64(message.volumeMl);
                if (message.durationMs != null && $Object.hasOwnProperty.call(message, "durationMs") && (typeof message.durationMs === "object" ? message.durationMs.low || message.durationMs.high : message.durationMs !== 0))
                    writer.uint32(/* id 8, wireType 0 =*/64).uint64(message.durationMs);
                if (message.energyWh != null && $Object.hasOwnProperty.call(message, "energyWh") && (typeof message.energyWh === "object" ? message.energyWh.low || message.energyWh.high : message.energyWh !== 0))
                    writer.uint32(/* id 9, wireType 0 =*/72).uint64(message.energyWh);
                if (message.freeEnergyWh != null && $Object.hasOwnProperty.call(message, "freeEnergyWh") && (typeof message.freeEnergyWh === "object" ? message.freeEnergyWh.low || message.freeEnergyWh.high : message.freeEnergyWh !== 0))
                    writer.uint32(/* id 10, wireType 0 =*/80).uint64(message.freeEnergyWh);
                if (message.spendRule != null && $Object.hasOwnProperty.call(message, "spendRule") && message.spendRule !== 0)
                    writer.uint32(/* id 11, wireType 0 =*/88).int32(message.spendRule);
                if (message.minimumApplied != null && $Object.hasOwnProperty.call(message, "minimumApplied") && message.minimumApplied !== false)
                    writer.uint32(/* id 12, wireType 0 =*/96).bool(message.minimumApplied);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Charge message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.Charge
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.Charge & onecard.v1.Charge.$Shape} Charge
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Charge.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.Charge();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.cardUid = value;
                            else
                                delete message.cardUid;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.accountId = value;
                            else
                                delete message.accountId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.amountFen = value;
                            else
                                delete message.amountFen;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.tariffId = value;
                            else
                                delete message.tariffId;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.sessionId = value;
                            else
                                delete message.sessionId;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.basis = value;
                            else
                                delete message.basis;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.volumeMl = value;
                            else
                                delete message.volumeMl;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.durationMs = value;
                            else
                                delete message.durationMs;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.energyWh = value;
                            else
                                delete message.energyWh;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.freeEnergyWh = value;
                            else
                                delete message.freeEnergyWh;
                            continue;
                        }
                    case 11: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.spendRule = value;
                            else
                                delete message.spendRule;
                            continue;
                        }
                    case 12: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.minimumApplied = value;
                            else
                                delete message.minimumApplied;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Charge;
        })();

        /**
         * ChargeBasis enum.
         * @name onecard.v1.ChargeBasis
         * @enum {number}
         * @property {number} CHARGE_BASIS_UNSPECIFIED=0 CHARGE_BASIS_UNSPECIFIED value
         * @property {number} CHARGE_BASIS_VOLUME=1 CHARGE_BASIS_VOLUME value
         * @property {number} CHARGE_BASIS_TIME=2 CHARGE_BASIS_TIME value
         * @property {number} CHARGE_BASIS_ENERGY=3 CHARGE_BASIS_ENERGY value
         */
        v1.ChargeBasis = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "CHARGE_BASIS_UNSPECIFIED"] = 0;
            values[valuesById[1] = "CHARGE_BASIS_VOLUME"] = 1;
            values[valuesById[2] = "CHARGE_BASIS_TIME"] = 2;
            values[valuesById[3] = "CHARGE_BASIS_ENERGY"] = 3;
            return values;
        })();

        /**
         * MeterComm enum.
         * @name onecard.v1.MeterComm
         * @enum {number}
         * @property {number} METER_COMM_UNSPECIFIED=0 METER_COMM_UNSPECIFIED value
         * @property {number} METER_COMM_OK=1 METER_COMM_OK value
         * @property {number} METER_COMM_TIMEOUT=2 METER_COMM_TIMEOUT value
         * @property {number} METER_COMM_CRC=3 METER_COMM_CRC value
         * @property {number} METER_COMM_EXCEPTION=4 METER_COMM_EXCEPTION value
         * @property {number} METER_COMM_DISCONNECTED=5 METER_COMM_DISCONNECTED value
         * @property {number} METER_COMM_BUSY=6 METER_COMM_BUSY value
         * @property {number} METER_COMM_IMPLAUSIBLE=7 METER_COMM_IMPLAUSIBLE value
         */
        v1.MeterComm = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "METER_COMM_UNSPECIFIED"] = 0;
            values[valuesById[1] = "METER_COMM_OK"] = 1;
            values[valuesById[2] = "METER_COMM_TIMEOUT"] = 2;
            values[valuesById[3] = "METER_COMM_CRC"] = 3;
            values[valuesById[4] = "METER_COMM_EXCEPTION"] = 4;
            values[valuesById[5] = "METER_COMM_DISCONNECTED"] = 5;
            values[valuesById[6] = "METER_COMM_BUSY"] = 6;
            values[valuesById[7] = "METER_COMM_IMPLAUSIBLE"] = 7;
            return values;
        })();

        v1.MeterReading = (function() {

            /**
             * Properties of a MeterReading.
             * @typedef {Object} onecard.v1.MeterReading.$Properties
             * @property {string|null} [meterId] MeterReading meterId
             * @property {number|null} [energyWh] MeterReading energyWh
             * @property {number|null} [powerW] MeterReading powerW
             * @property {number|null} [voltageMv] MeterReading voltageMv
             * @property {number|null} [currentMa] MeterReading currentMa
             * @property {boolean|null} [relayClosed] MeterReading relayClosed
             * @property {onecard.v1.MeterComm|null} [comm] MeterReading comm
             * @property {string|null} [accountId] MeterReading accountId
             * @property {number|null} [balanceFen] MeterReading balanceFen
             * @property {boolean|null} [cutOff] MeterReading cutOff
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a MeterReading.
             * @memberof onecard.v1
             * @interface IMeterReading
             * @augments onecard.v1.MeterReading.$Properties
             * @deprecated Use onecard.v1.MeterReading.$Properties instead.
             */

            /**
             * Shape of a MeterReading.
             * @typedef {onecard.v1.MeterReading.$Properties} onecard.v1.MeterReading.$Shape
             */

            /**
             * Constructs a new MeterReading.
             * @memberof onecard.v1
             * @classdesc Represents a MeterReading.
             * @constructor
             * @param {onecard.v1.MeterReading.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const MeterReading = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * MeterReading meterId.
             * @member {string} meterId
             * @memberof onecard.v1.MeterReading
             * @instance
             */
            MeterReading.prototype.meterId = "";

            /**
             * MeterReading energyWh.
             * @member {number} energyWh
             * @memberof onecard.v1.MeterReading
             * @instance
             */
            MeterReading.prototype.energyWh = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * MeterReading powerW.
             * @member {number} powerW
             * @memberof onecard.v1.MeterReading
             * @instance
             */
            MeterReading.prototype.powerW = 0;

            /**
             * MeterReading voltageMv.
             * @member {number} voltageMv
             * @memberof onecard.v1.MeterReading
             * @instance
             */
            MeterReading.prototype.voltageMv = 0;

            /**
             * MeterReading currentMa.
             * @member {number} currentMa
             * @memberof onecard.v1.MeterReading
             * @instance
             */
            MeterReading.prototype.currentMa = 0;

            /**
             * MeterReading relayClosed.
             * @member {boolean} relayClosed
             * @memberof onecard.v1.MeterReading
             * @instance
             */
            MeterReading.prototype.relayClosed = false;

            /**
             * MeterReading comm.
             * @member {onecard.v1.MeterComm} comm
             * @memberof onecard.v1.MeterReading
             * @instance
             */
            MeterReading.prototype.comm = 0;

            /**
             * MeterReading accountId.
             * @member {string} accountId
             * @memberof onecard.v1.MeterReading
             * @instance
             */
            MeterReading.prototype.accountId = "";

            /**
             * MeterReading balanceFen.
             * @member {number} balanceFen
             * @memberof onecard.v1.MeterReading
             * @instance
             */
            MeterReading.prototype.balanceFen = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * MeterReading cutOff.
             * @member {boolean} cutOff
             * @memberof onecard.v1.MeterReading
             * @instance
             */
            MeterReading.prototype.cutOff = false;

            /**
             * Creates a new MeterReading instance using the specified properties.
             * @function create
             * @memberof onecard.v1.MeterReading
             * @static
             * @param {onecard.v1.MeterReading.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.MeterReading} MeterReading instance
             * @type {{
             *   (properties: onecard.v1.MeterReading.$Shape): onecard.v1.MeterReading & onecard.v1.MeterReading.$Shape;
             *   (properties?: onecard.v1.MeterReading.$Properties): onecard.v1.MeterReading;
             * }}
             */
            MeterReading.create = function(properties) {
                return new MeterReading(properties);
            };

            /**
             * Encodes the specified MeterReading message. Does not implicitly {@link onecard.v1.MeterReading.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.MeterReading
             * @static
             * @param {onecard.v1.MeterReading.$Properties} message MeterReading message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            MeterReading.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.meterId != null && $Object.hasOwnProperty.call(message, "meterId") && message.meterId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.meterId);
                if (message.energyWh != null && $Object.hasOwnProperty.call(message, "energyWh") && (typeof message.energyWh === "object" ? message.energyWh.low || message.energyWh.high : message.energyWh !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.energyWh);
                if (message.powerW != null && $Object.hasOwnProperty.call(message, "powerW") && message.powerW !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).int32(message.powerW);
                if (message.voltageMv != null && $Object.hasOwnProperty.call(message, "voltageMv") && message.voltageMv !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.voltageMv);
                if (message.currentMa != null && $Object.hasOwnProperty.call(message, "currentMa") && message.currentMa !== 0)
                    writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.currentMa);
                if (message.relayClosed != null && $Object.hasOwnProperty.call(message, "relayClosed") && message.relayClosed !== false)
                    writer.uint32(/* id 6, wireType 0 =*/48).bool(message.relayClosed);
                if (message.comm != null && $Object.hasOwnProperty.call(message, "comm") && message.comm !== 0)
                    writer.uint32(/* id 7, wireType 0 =*/56).int32(message.comm);
                if (message.accountId != null && $Object.hasOwnProperty.call(message, "accountId") && message.accountId !== "")
                    writer.uint32(/* id 8, wireType 2 =*/66).string(message.accountId);
                if (message.balanceFen != null && $Object.hasOwnProperty.call(message, "balanceFen") && (typeof message.balanceFen === "object" ? message.balanceFen.low || message.balanceFen.high : message.balanceFen !== 0))
                    writer.uint32(/* id 9, wireType 0 =*/72).int64(message.balanceFen);
                if (message.cutOff != null && $Object.hasOwnProperty.call(message, "cutOff") && message.cutOff !== false)
                    writer.uint32(/* id 10, wireType 0 =*/80).bool(message.cutOff);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a MeterReading message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.MeterReading
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.MeterReading & onecard.v1.MeterReading.$Shape} MeterReading
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            MeterReading.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.MeterReading();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.meterId = value;
                            else
                                delete message.meterId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.energyWh = value;
                            else
                                delete message.energyWh;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.powerW = value;
                            else
                                delete message.powerW;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.voltageMv = value;
                            else
                                delete message.voltageMv;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.currentMa = value;
                            else
                                delete message.currentMa;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.relayClosed = value;
                            else
                                delete message.relayClosed;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.comm = value;
                            else
                                delete message.comm;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.accountId = value;
                            else
                                delete message.accountId;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.balanceFen = value;
                            else
                                delete message.balanceFen;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.cutOff = value;
                            else
                                delete message.cutOff;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return MeterReading;
        })();

        /**
         * SessionPhase enum.
         * @name onecard.v1.SessionPhase
         * @enum {number}
         * @property {number} SESSION_PHASE_UNSPECIFIED=0 SESSION_PHASE_UNSPECIFIED value
         * @property {number} SESSION_PHASE_OPEN=1 SESSION_PHASE_OPEN value
         * @property {number} SESSION_PHASE_PROGRESS=2 SESSION_PHASE_PROGRESS value
         * @property {number} SESSION_PHASE_CLOSE=3 SESSION_PHASE_CLOSE value
         */
        v1.SessionPhase = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "SESSION_PHASE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "SESSION_PHASE_OPEN"] = 1;
            values[valuesById[2] = "SESSION_PHASE_PROGRESS"] = 2;
            values[valuesById[3] = "SESSION_PHASE_CLOSE"] = 3;
            return values;
        })();

        /**
         * SessionEnd enum.
         * @name onecard.v1.SessionEnd
         * @enum {number}
         * @property {number} SESSION_END_UNSPECIFIED=0 SESSION_END_UNSPECIFIED value
         * @property {number} SESSION_END_TAP=1 SESSION_END_TAP value
         * @property {number} SESSION_END_TIMEOUT=2 SESSION_END_TIMEOUT value
         * @property {number} SESSION_END_FUNDS_EXHAUSTED=3 SESSION_END_FUNDS_EXHAUSTED value
         * @property {number} SESSION_END_MAX_DURATION=4 SESSION_END_MAX_DURATION value
         * @property {number} SESSION_END_MAX_COST=5 SESSION_END_MAX_COST value
         * @property {number} SESSION_END_RESTART=6 SESSION_END_RESTART value
         * @property {number} SESSION_END_FAULT=7 SESSION_END_FAULT value
         * @property {number} SESSION_END_SHUTDOWN=8 SESSION_END_SHUTDOWN value
         */
        v1.SessionEnd = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "SESSION_END_UNSPECIFIED"] = 0;
            values[valuesById[1] = "SESSION_END_TAP"] = 1;
            values[valuesById[2] = "SESSION_END_TIMEOUT"] = 2;
            values[valuesById[3] = "SESSION_END_FUNDS_EXHAUSTED"] = 3;
            values[valuesById[4] = "SESSION_END_MAX_DURATION"] = 4;
            values[valuesById[5] = "SESSION_END_MAX_COST"] = 5;
            values[valuesById[6] = "SESSION_END_RESTART"] = 6;
            values[valuesById[7] = "SESSION_END_FAULT"] = 7;
            values[valuesById[8] = "SESSION_END_SHUTDOWN"] = 8;
            return values;
        })();

        v1.ShowerSession = (function() {

            /**
             * Properties of a ShowerSession.
             * @typedef {Object} onecard.v1.ShowerSession.$Properties
             * @property {string|null} [sessionId] ShowerSession sessionId
             * @property {string|null} [cardUid] ShowerSession cardUid
             * @property {string|null} [accountId] ShowerSession accountId
             * @property {onecard.v1.SessionPhase|null} [phase] ShowerSession phase
             * @property {onecard.v1.SessionEnd|null} [end] ShowerSession end
             * @property {number|null} [pulses] ShowerSession pulses
             * @property {number|null} [volumeMl] ShowerSession volumeMl
             * @property {number|null} [durationMs] ShowerSession durationMs
             * @property {number|null} [amountFen] ShowerSession amountFen
             * @property {number|null} [allowanceFen] ShowerSession allowanceFen
             * @property {onecard.v1.SpendRule|null} [spendRule] ShowerSession spendRule
             * @property {boolean|null} [timeBilled] ShowerSession timeBilled
             * @property {string|null} [tariffId] ShowerSession tariffId
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ShowerSession.
             * @memberof onecard.v1
             * @interface IShowerSession
             * @augments onecard.v1.ShowerSession.$Properties
             * @deprecated Use onecard.v1.ShowerSession.$Properties instead.
             */

            /**
             * Shape of a ShowerSession.
             * @typedef {onecard.v1.ShowerSession.$Properties} onecard.v1.ShowerSession.$Shape
             */

            /**
             * Constructs a new ShowerSession.
             * @memberof onecard.v1
             * @classdesc Represents a ShowerSession.
             * @constructor
             * @param {onecard.v1.ShowerSession.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ShowerSession = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ShowerSession sessionId.
             * @member {string} sessionId
             * @memberof onecard.v1.ShowerSession
             * @instance
             */
            ShowerSession.prototype.sessionId = "";

            /**
             * ShowerSession cardUid.
             * @member {string} cardUid
             * @memberof onecard.v1.ShowerSession
             * @instance
             */
            ShowerSession.prototype.cardUid = "";

            /**
             * ShowerSession accountId.
             * @member {string} accountId
             * @memberof onecard.v1.ShowerSession
             * @instance
             */
            ShowerSession.prototype.accountId = "";

            /**
             * ShowerSession phase.
             * @member {onecard.v1.SessionPhase} phase
             * @memberof onecard.v1.ShowerSession
             * @instance
             */
            ShowerSession.prototype.phase = 0;

            /**
             * ShowerSession end.
             * @member {onecard.v1.SessionEnd} end
             * @memberof onecard.v1.ShowerSession
             * @instance
             */
            ShowerSession.prototype.end = 0;

            /**
             * ShowerSession pulses.
             * @member {number} pulses
             * @memberof onecard.v1.ShowerSession
             * @instance
             */
            ShowerSession.prototype.pulses = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * ShowerSession volumeMl.
             * @member {number} volumeMl
             * @memberof onecard.v1.ShowerSession
             * @instance
             */
            ShowerSession.prototype.volumeMl = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * ShowerSession durationMs.
             * @member {number} durationMs
             * @memberof onecard.v1.ShowerSession
             * @instance
             */
            ShowerSession.prototype.durationMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * ShowerSession amountFen.
             * @member {number} amountFen
             * @memberof onecard.v1.ShowerSession
             * @instance
             */
            ShowerSession.prototype.amountFen = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * ShowerSession allowanceFen.
             * @member {number} allowanceFen
             * @memberof onecard.v1.ShowerSession
             * @instance
             */
            ShowerSession.prototype.allowanceFen = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * ShowerSession spendRule.
             * @member {onecard.v1.SpendRule} spendRule
             * @memberof onecard.v1.ShowerSession
             * @instance
             */
            ShowerSession.prototype.spendRule = 0;

            /**
             * ShowerSession timeBilled.
             * @member {boolean} timeBilled
             * @memberof onecard.v1.ShowerSession
             * @instance
             */
            ShowerSession.prototype.timeBilled = false;

            /**
             * ShowerSession tariffId.
             * @member {string} tariffId
             * @memberof onecard.v1.ShowerSession
             * @instance
             */
            ShowerSession.prototype.tariffId = "";

            /**
             * Creates a new ShowerSession instance using the specified properties.
             * @function create
             * @memberof onecard.v1.ShowerSession
             * @static
             * @param {onecard.v1.ShowerSession.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.ShowerSession} ShowerSession instance
             * @type {{
             *   (properties: onecard.v1.ShowerSession.$Shape): onecard.v1.ShowerSession & onecard.v1.ShowerSession.$Shape;
             *   (properties?: onecard.v1.ShowerSession.$Properties): onecard.v1.ShowerSession;
             * }}
             */
            ShowerSession.create = function(properties) {
                return new ShowerSession(properties);
            };

            /**
             * Encodes the specified ShowerSession message. Does not implicitly {@link onecard.v1.ShowerSession.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.ShowerSession
             * @static
             * @param {onecard.v1.ShowerSession.$Properties} message ShowerSession message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ShowerSession.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId") && message.sessionId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.sessionId);
                if (message.cardUid != null && $Object.hasOwnProperty.call(message, "cardUid") && message.cardUid !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.cardUid);
                if (message.accountId != null && $Object.hasOwnProperty.call(message, "accountId") && message.accountId !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.accountId);
                if (message.phase != null && $Object.hasOwnProperty.call(message, "phase") && message.phase !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).int32(message.phase);
                if (message.end != null && $Object.hasOwnProperty.call(message, "end") && message.end !== 0)
                    writer.uint32(/* id 5, wireType 0 =*/40).int32(message.end);
                if (message.pulses != null && $Object.hasOwnProperty.call(message, "pulses") && (typeof message.pulses === "object" ? message.pulses.low || message.pulses.high : message.pulses !== 0))
                    writer.uint32(/* id 6, wireType 0 =*/48).uint64(message.pulses);
                if (message.volumeMl != null && $Object.hasOwnProperty.call(message, "volumeMl") && (typeof message.volumeMl === "object" ? message.volumeMl.low || message.volumeMl.high : message.volumeMl !== 0))
                    writer.uint32(/* id 7, wireType 0 =*/56).uint64(message.volumeMl);
                if (message.durationMs != null && $Object.hasOwnProperty.call(message, "durationMs") && (typeof message.durationMs === "object" ? message.durationMs.low || message.durationMs.high : message.durationMs !== 0))
                    writer.uint32(/* id 8, wireType 0 =*/64).uint64(message.durationMs);
                if (message.amountFen != null && $Object.hasOwnProperty.call(message, "amountFen") && (typeof message.amountFen === "object" ? message.amountFen.low || message.amountFen.high : message.amountFen !== 0))
                    writer.uint32(/* id 9, wireType 0 =*/72).int64(message.amountFen);
                if (message.allowanceFen != null && $Object.hasOwnProperty.call(message, "allowanceFen") && (typeof message.allowanceFen === "object" ? message.allowanceFen.low || message.allowanceFen.high : message.allowanceFen !== 0))
                    writer.uint32(/* id 10, wireType 0 =*/80).int64(message.allowanceFen);
                if (message.spendRule != null && $Object.hasOwnProperty.call(message, "spendRule") && message.spendRule !== 0)
                    writer.uint32(/* id 11, wireType 0 =*/88).int32(message.spendRule);
                if (message.timeBilled != null && $Object.hasOwnProperty.call(message, "timeBilled") && message.timeBilled !== false)
                    writer.uint32(/* id 12, wireType 0 =*/96).bool(message.timeBilled);
                if (message.tariffId != null && $Object.hasOwnProperty.call(message, "tariffId") && message.tariffId !== "")
                    writer.uint32(/* id 13, wireType 2 =*/106).string(message.tariffId);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a ShowerSession message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.ShowerSession
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.ShowerSession & onecard.v1.ShowerSession.$Shape} ShowerSession
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ShowerSession.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.ShowerSession();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.sessionId = value;
                            else
                                delete message.sessionId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.cardUid = value;
                            else
                                delete message.cardUid;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.accountId = value;
                            else
                                delete message.accountId;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.phase = value;
                            else
                                delete message.phase;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.end = value;
                            else
                                delete message.end;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.pulses = value;
                            else
                                delete message.pulses;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.volumeMl = value;
                            else
                                delete message.volumeMl;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.durationMs = value;
                            else
                                delete message.durationMs;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.amountFen = value;
                            else
                                delete message.amountFen;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.allowanceFen = value;
                            else
                                delete message.allowanceFen;
                            continue;
                        }
                    case 11: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.spendRule = value;
                            else
                                delete message.spendRule;
                            continue;
                        }
                    case 12: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.timeBilled = value;
                            else
                                delete message.timeBilled;
                            continue;
                        }
                    case 13: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.tariffId = value;
                            else
                                delete message.tariffId;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return ShowerSession;
        })();

        v1.Alarm = (function() {

            /**
             * Properties of an Alarm.
             * @typedef {Object} onecard.v1.Alarm.$Properties
             * @property {string|null} [kind] Alarm kind
             * @property {boolean|null} [active] Alarm active
             * @property {string|null} [detail] Alarm detail
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Alarm.
             * @memberof onecard.v1
             * @interface IAlarm
             * @augments onecard.v1.Alarm.$Properties
             * @deprecated Use onecard.v1.Alarm.$Properties instead.
             */

            /**
             * Shape of an Alarm.
             * @typedef {onecard.v1.Alarm.$Properties} onecard.v1.Alarm.$Shape
             */

            /**
             * Constructs a new Alarm.
             * @memberof onecard.v1
             * @classdesc Represents an Alarm.
             * @constructor
             * @param {onecard.v1.Alarm.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Alarm = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Alarm kind.
             * @member {string} kind
             * @memberof onecard.v1.Alarm
             * @instance
             */
            Alarm.prototype.kind = "";

            /**
             * Alarm active.
             * @member {boolean} active
             * @memberof onecard.v1.Alarm
             * @instance
             */
            Alarm.prototype.active = false;

            /**
             * Alarm detail.
             * @member {string} detail
             * @memberof onecard.v1.Alarm
             * @instance
             */
            Alarm.prototype.detail = "";

            /**
             * Creates a new Alarm instance using the specified properties.
             * @function create
             * @memberof onecard.v1.Alarm
             * @static
             * @param {onecard.v1.Alarm.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.Alarm} Alarm instance
             * @type {{
             *   (properties: onecard.v1.Alarm.$Shape): onecard.v1.Alarm & onecard.v1.Alarm.$Shape;
             *   (properties?: onecard.v1.Alarm.$Properties): onecard.v1.Alarm;
             * }}
             */
            Alarm.create = function(properties) {
                return new Alarm(properties);
            };

            /**
             * Encodes the specified Alarm message. Does not implicitly {@link onecard.v1.Alarm.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.Alarm
             * @static
             * @param {onecard.v1.Alarm.$Properties} message Alarm message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Alarm.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind") && message.kind !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.kind);
                if (message.active != null && $Object.hasOwnProperty.call(message, "active") && message.active !== false)
                    writer.uint32(/* id 2, wireType 0 =*/16).bool(message.active);
                if (message.detail != null && $Object.hasOwnProperty.call(message, "detail") && message.detail !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.detail);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an Alarm message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.Alarm
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.Alarm & onecard.v1.Alarm.$Shape} Alarm
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Alarm.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.Alarm();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.kind = value;
                            else
                                delete message.kind;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.active = value;
                            else
                                delete message.active;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.detail = value;
                            else
                                delete message.detail;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Alarm;
        })();

        /**
         * SelfTestStatus enum.
         * @name onecard.v1.SelfTestStatus
         * @enum {number}
         * @property {number} SELF_TEST_STATUS_UNSPECIFIED=0 SELF_TEST_STATUS_UNSPECIFIED value
         * @property {number} SELF_TEST_STATUS_PASS=1 SELF_TEST_STATUS_PASS value
         * @property {number} SELF_TEST_STATUS_FAIL=2 SELF_TEST_STATUS_FAIL value
         * @property {number} SELF_TEST_STATUS_SKIP=3 SELF_TEST_STATUS_SKIP value
         */
        v1.SelfTestStatus = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "SELF_TEST_STATUS_UNSPECIFIED"] = 0;
            values[valuesById[1] = "SELF_TEST_STATUS_PASS"] = 1;
            values[valuesById[2] = "SELF_TEST_STATUS_FAIL"] = 2;
            values[valuesById[3] = "SELF_TEST_STATUS_SKIP"] = 3;
            return values;
        })();

        v1.SelfTestResult = (function() {

            /**
             * Properties of a SelfTestResult.
             * @typedef {Object} onecard.v1.SelfTestResult.$Properties
             * @property {string|null} [component] SelfTestResult component
             * @property {onecard.v1.SelfTestStatus|null} [status] SelfTestResult status
             * @property {string|null} [detail] SelfTestResult detail
             * @property {string|null} [category] SelfTestResult category
             * @property {string|null} [figure] SelfTestResult figure
             * @property {string|null} [remedy] SelfTestResult remedy
             * @property {string|null} [runId] SelfTestResult runId
             * @property {string|null} [step] SelfTestResult step
             * @property {string|null} [cause] SelfTestResult cause
             * @property {string|null} [suite] SelfTestResult suite
             * @property {string|null} [code] SelfTestResult code
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SelfTestResult.
             * @memberof onecard.v1
             * @interface ISelfTestResult
             * @augments onecard.v1.SelfTestResult.$Properties
             * @deprecated Use onecard.v1.SelfTestResult.$Properties instead.
             */

            /**
             * Shape of a SelfTestResult.
             * @typedef {onecard.v1.SelfTestResult.$Properties} onecard.v1.SelfTestResult.$Shape
             */

            /**
             * Constructs a new SelfTestResult.
             * @memberof onecard.v1
             * @classdesc Represents a SelfTestResult.
             * @constructor
             * @param {onecard.v1.SelfTestResult.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SelfTestResult = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * SelfTestResult component.
             * @member {string} component
             * @memberof onecard.v1.SelfTestResult
             * @instance
             */
            SelfTestResult.prototype.component = "";

            /**
             * SelfTestResult status.
             * @member {onecard.v1.SelfTestStatus} status
             * @memberof onecard.v1.SelfTestResult
             * @instance
             */
            SelfTestResult.prototype.status = 0;

            /**
             * SelfTestResult detail.
             * @member {string} detail
             * @memberof onecard.v1.SelfTestResult
             * @instance
             */
            SelfTestResult.prototype.detail = "";

            /**
             * SelfTestResult category.
             * @member {string} category
             * @memberof onecard.v1.SelfTestResult
             * @instance
             */
            SelfTestResult.prototype.category = "";

            /**
             * SelfTestResult figure.
             * @member {string} figure
             * @memberof onecard.v1.SelfTestResult
             * @instance
             */
            SelfTestResult.prototype.figure = "";

            /**
             * SelfTestResult remedy.
             * @member {string} remedy
             * @memberof onecard.v1.SelfTestResult
             * @instance
             */
            SelfTestResult.prototype.remedy = "";

            /**
             * SelfTestResult runId.
             * @member {string} runId
             * @memberof onecard.v1.SelfTestResult
             * @instance
             */
            SelfTestResult.prototype.runId = "";

            /**
             * SelfTestResult step.
             * @member {string} step
             * @memberof onecard.v1.SelfTestResult
             * @instance
             */
            SelfTestResult.prototype.step = "";

            /**
             * SelfTestResult cause.
             * @member {string} cause
             * @memberof onecard.v1.SelfTestResult
             * @instance
             */
            SelfTestResult.prototype.cause = "";

            /**
             * SelfTestResult suite.
             * @member {string} suite
             * @memberof onecard.v1.SelfTestResult
             * @instance
             */
            SelfTestResult.prototype.suite = "";

            /**
             * SelfTestResult code.
             * @member {string} code
             * @memberof onecard.v1.SelfTestResult
             * @instance
             */
            SelfTestResult.prototype.code = "";

            /**
             * Creates a new SelfTestResult instance using the specified properties.
             * @function create
             * @memberof onecard.v1.SelfTestResult
             * @static
             * @param {onecard.v1.SelfTestResult.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.SelfTestResult} SelfTestResult instance
             * @type {{
             *   (properties: onecard.v1.SelfTestResult.$Shape): onecard.v1.SelfTestResult & onecard.v1.SelfTestResult.$Shape;
             *   (properties?: onecard.v1.SelfTestResult.$Properties): onecard.v1.SelfTestResult;
             * }}
             */
            SelfTestResult.create = function(properties) {
                return new SelfTestResult(properties);
            };

            /**
             * Encodes the specified SelfTestResult message. Does not implicitly {@link onecard.v1.SelfTestResult.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.SelfTestResult
             * @static
             * @param {onecard.v1.SelfTestResult.$Properties} message SelfTestResult message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SelfTestResult.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.component != null && $Object.hasOwnProperty.call(message, "component") && message.component !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.component);
                if (message.status != null && $Object.hasOwnProperty.call(message, "status") && message.status !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).int32(message.status);
                if (message.detail != null && $Object.hasOwnProperty.call(message, "detail") && message.detail !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.detail);
                if (message.category != null && $Object.hasOwnProperty.call(message, "category") && message.category !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.category);
                if (message.figure != null && $Object.hasOwnProperty.call(message, "figure") && message.figure !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.figure);
                if (message.remedy != null && $Object.hasOwnProperty.call(message, "remedy") && message.remedy !== "")
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.remedy);
                if (message.runId != null && $Object.hasOwnProperty.call(message, "runId") && message.runId !== "")
                    writer.uint32(/* id 7, wireType 2 =*/58).string(message.runId);
                if (message.step != null && $Object.hasOwnProperty.call(message, "step") && message.step !== "")
                    writer.uint32(/* id 8, wireType 2 =*/66).string(message.step);
                if (message.cause != null && $Object.hasOwnProperty.call(message, "cause") && message.cause !== "")
                    writer.uint32(/* id 9, wireType 2 =*/74).string(message.cause);
                if (message.suite != null && $Object.hasOwnProperty.call(message, "suite") && message.suite !== "")
                    writer.uint32(/* id 10, wireType 2 =*/82).string(message.suite);
                if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== "")
                    writer.uint32(/* id 11, wireType 2 =*/90).string(message.code);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a SelfTestResult message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.SelfTestResult
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.SelfTestResult & onecard.v1.SelfTestResult.$Shape} SelfTestResult
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SelfTestResult.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.SelfTestResult();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.component = value;
                            else
                                delete message.component;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.status = value;
                            else
                                delete message.status;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.detail = value;
                            else
                                delete message.detail;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.category = value;
                            else
                                delete message.category;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.figure = value;
                            else
                                delete message.figure;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.remedy = value;
                            else
                                delete message.remedy;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.runId = value;
                            else
                                delete message.runId;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.step = value;
                            else
                                delete message.step;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.cause = value;
                            else
                                delete message.cause;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.suite = value;
                            else
                                delete message.suite;
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.code = value;
                            else
                                delete message.code;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return SelfTestResult;
        })();

        v1.Ack = (function() {

            /**
             * Properties of an Ack.
             * @typedef {Object} onecard.v1.Ack.$Properties
             * @property {number|null} [ackedSeq] Ack ackedSeq
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Ack.
             * @memberof onecard.v1
             * @interface IAck
             * @augments onecard.v1.Ack.$Properties
             * @deprecated Use onecard.v1.Ack.$Properties instead.
             */

            /**
             * Shape of an Ack.
             * @typedef {onecard.v1.Ack.$Properties} onecard.v1.Ack.$Shape
             */

            /**
             * Constructs a new Ack.
             * @memberof onecard.v1
             * @classdesc Represents an Ack.
             * @constructor
             * @param {onecard.v1.Ack.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Ack = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Ack ackedSeq.
             * @member {number} ackedSeq
             * @memberof onecard.v1.Ack
             * @instance
             */
            Ack.prototype.ackedSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new Ack instance using the specified properties.
             * @function create
             * @memberof onecard.v1.Ack
             * @static
             * @param {onecard.v1.Ack.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.Ack} Ack instance
             * @type {{
             *   (properties: onecard.v1.Ack.$Shape): onecard.v1.Ack & onecard.v1.Ack.$Shape;
             *   (properties?: onecard.v1.Ack.$Properties): onecard.v1.Ack;
             * }}
             */
            Ack.create = function(properties) {
                return new Ack(properties);
            };

            /**
             * Encodes the specified Ack message. Does not implicitly {@link onecard.v1.Ack.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.Ack
             * @static
             * @param {onecard.v1.Ack.$Properties} message Ack message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Ack.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.ackedSeq != null && $Object.hasOwnProperty.call(message, "ackedSeq") && (typeof message.ackedSeq === "object" ? message.ackedSeq.low || message.ackedSeq.high : message.ackedSeq !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.ackedSeq);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an Ack message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.Ack
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.Ack & onecard.v1.Ack.$Shape} Ack
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Ack.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.Ack();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.ackedSeq = value;
                            else
                                delete message.ackedSeq;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Ack;
        })();

        /**
         * DatasetName enum.
         * @name onecard.v1.DatasetName
         * @enum {number}
         * @property {number} DATASET_NAME_UNSPECIFIED=0 DATASET_NAME_UNSPECIFIED value
         * @property {number} DATASET_NAME_BLACKLIST=1 DATASET_NAME_BLACKLIST value
         * @property {number} DATASET_NAME_CARDS=2 DATASET_NAME_CARDS value
         * @property {number} DATASET_NAME_BALANCES=3 DATASET_NAME_BALANCES value
         * @property {number} DATASET_NAME_TARIFFS=4 DATASET_NAME_TARIFFS value
         * @property {number} DATASET_NAME_SCHEDULES=5 DATASET_NAME_SCHEDULES value
         */
        v1.DatasetName = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "DATASET_NAME_UNSPECIFIED"] = 0;
            values[valuesById[1] = "DATASET_NAME_BLACKLIST"] = 1;
            values[valuesById[2] = "DATASET_NAME_CARDS"] = 2;
            values[valuesById[3] = "DATASET_NAME_BALANCES"] = 3;
            values[valuesById[4] = "DATASET_NAME_TARIFFS"] = 4;
            values[valuesById[5] = "DATASET_NAME_SCHEDULES"] = 5;
            return values;
        })();

        v1.DatasetVersion = (function() {

            /**
             * Properties of a DatasetVersion.
             * @typedef {Object} onecard.v1.DatasetVersion.$Properties
             * @property {onecard.v1.DatasetName|null} [name] DatasetVersion name
             * @property {number|null} [version] DatasetVersion version
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DatasetVersion.
             * @memberof onecard.v1
             * @interface IDatasetVersion
             * @augments onecard.v1.DatasetVersion.$Properties
             * @deprecated Use onecard.v1.DatasetVersion.$Properties instead.
             */

            /**
             * Shape of a DatasetVersion.
             * @typedef {onecard.v1.DatasetVersion.$Properties} onecard.v1.DatasetVersion.$Shape
             */

            /**
             * Constructs a new DatasetVersion.
             * @memberof onecard.v1
             * @classdesc Represents a DatasetVersion.
             * @constructor
             * @param {onecard.v1.DatasetVersion.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const DatasetVersion = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * DatasetVersion name.
             * @member {onecard.v1.DatasetName} name
             * @memberof onecard.v1.DatasetVersion
             * @instance
             */
            DatasetVersion.prototype.name = 0;

            /**
             * DatasetVersion version.
             * @member {number} version
             * @memberof onecard.v1.DatasetVersion
             * @instance
             */
            DatasetVersion.prototype.version = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new DatasetVersion instance using the specified properties.
             * @function create
             * @memberof onecard.v1.DatasetVersion
             * @static
             * @param {onecard.v1.DatasetVersion.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.DatasetVersion} DatasetVersion instance
             * @type {{
             *   (properties: onecard.v1.DatasetVersion.$Shape): onecard.v1.DatasetVersion & onecard.v1.DatasetVersion.$Shape;
             *   (properties?: onecard.v1.DatasetVersion.$Properties): onecard.v1.DatasetVersion;
             * }}
             */
            DatasetVersion.create = function(properties) {
                return new DatasetVersion(properties);
            };

            /**
             * Encodes the specified DatasetVersion message. Does not implicitly {@link onecard.v1.DatasetVersion.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.DatasetVersion
             * @static
             * @param {onecard.v1.DatasetVersion.$Properties} message DatasetVersion message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DatasetVersion.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.name);
                if (message.version != null && $Object.hasOwnProperty.call(message, "version") && (typeof message.version === "object" ? message.version.low || message.version.high : message.version !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.version);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a DatasetVersion message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.DatasetVersion
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.DatasetVersion & onecard.v1.DatasetVersion.$Shape} DatasetVersion
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DatasetVersion.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.DatasetVersion();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.name = value;
                            else
                                delete message.name;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.version = value;
                            else
                                delete message.version;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return DatasetVersion;
        })();

        v1.DatasetUpdate = (function() {

            /**
             * Properties of a DatasetUpdate.
             * @typedef {Object} onecard.v1.DatasetUpdate.$Properties
             * @property {onecard.v1.DatasetName|null} [name] DatasetUpdate name
             * @property {number|null} [version] DatasetUpdate version
             * @property {number|null} [fromVersion] DatasetUpdate fromVersion
             * @property {boolean|null} [fullSnapshot] DatasetUpdate fullSnapshot
             * @property {number|null} [snapshotId] DatasetUpdate snapshotId
             * @property {number|null} [chunkIndex] DatasetUpdate chunkIndex
             * @property {number|null} [chunkCount] DatasetUpdate chunkCount
             * @property {onecard.v1.BlacklistData.$Properties|null} [blacklist] DatasetUpdate blacklist
             * @property {onecard.v1.CardsData.$Properties|null} [cards] DatasetUpdate cards
             * @property {onecard.v1.BalancesData.$Properties|null} [balances] DatasetUpdate balances
             * @property {onecard.v1.TariffsData.$Properties|null} [tariffs] DatasetUpdate tariffs
             * @property {onecard.v1.SchedulesData.$Properties|null} [schedules] DatasetUpdate schedules
             * @property {"blacklist"|"cards"|"balances"|"tariffs"|"schedules"} [data] DatasetUpdate data
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DatasetUpdate.
             * @memberof onecard.v1
             * @interface IDatasetUpdate
             * @augments onecard.v1.DatasetUpdate.$Properties
             * @deprecated Use onecard.v1.DatasetUpdate.$Properties instead.
             */

            /**
             * Narrowed shape of a DatasetUpdate.
             * @typedef {{
             *   name?: onecard.v1.DatasetName|null;
             *   version?: number|null;
             *   fromVersion?: number|null;
             *   fullSnapshot?: boolean|null;
             *   snapshotId?: number|null;
             *   chunkIndex?: number|null;
             *   chunkCount?: number|null;
             *   blacklist?: onecard.v1.BlacklistData.$Shape|null;
             *   cards?: onecard.v1.CardsData.$Shape|null;
             *   balances?: onecard.v1.BalancesData.$Shape|null;
             *   tariffs?: onecard.v1.TariffsData.$Shape|null;
             *   schedules?: onecard.v1.SchedulesData.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ data?: undefined; blacklist?: null; cards?: null; balances?: null; tariffs?: null; schedules?: null }|{ data?: "blacklist"; blacklist: onecard.v1.BlacklistData.$Shape; cards?: null; balances?: null; tariffs?: null; schedules?: null }|{ data?: "cards"; blacklist?: null; cards: onecard.v1.CardsData.$Shape; balances?: null; tariffs?: null; schedules?: null }|{ data?: "balances"; blacklist?: null; cards?: null; balances: onecard.v1.BalancesData.$Shape; tariffs?: null; schedules?: null }|{ data?: "tariffs"; blacklist?: null; cards?: null; balances?: null; tariffs: onecard.v1.TariffsData.$Shape; schedules?: null }|{ data?: "schedules"; blacklist?: null; cards?: null; balances?: null; tariffs?: null; schedules: onecard.v1.SchedulesData.$Shape })
             * )} onecard.v1.DatasetUpdate.$Shape
             */

            /**
             * Constructs a new DatasetUpdate.
             * @memberof onecard.v1
             * @classdesc Represents a DatasetUpdate.
             * @constructor
             * @param {onecard.v1.DatasetUpdate.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const DatasetUpdate = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * DatasetUpdate name.
             * @member {onecard.v1.DatasetName} name
             * @memberof onecard.v1.DatasetUpdate
             * @instance
             */
            DatasetUpdate.prototype.name = 0;

            /**
             * DatasetUpdate version.
             * @member {number} version
             * @memberof onecard.v1.DatasetUpdate
             * @instance
             */
            DatasetUpdate.prototype.version = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * DatasetUpdate fromVersion.
             * @member {number} fromVersion
             * @memberof onecard.v1.DatasetUpdate
             * @instance
             */
            DatasetUpdate.prototype.fromVersion = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * DatasetUpdate fullSnapshot.
             * @member {boolean} fullSnapshot
             * @memberof onecard.v1.DatasetUpdate
             * @instance
             */
            DatasetUpdate.prototype.fullSnapshot = false;

            /**
             * DatasetUpdate snapshotId.
             * @member {number} snapshotId
             * @memberof onecard.v1.DatasetUpdate
             * @instance
             */
            DatasetUpdate.prototype.snapshotId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * DatasetUpdate chunkIndex.
             * @member {number} chunkIndex
             * @memberof onecard.v1.DatasetUpdate
             * @instance
             */
            DatasetUpdate.prototype.chunkIndex = 0;

            /**
             * DatasetUpdate chunkCount.
             * @member {number} chunkCount
             * @memberof onecard.v1.DatasetUpdate
             * @instance
             */
            DatasetUpdate.prototype.chunkCount = 0;

            /**
             * DatasetUpdate blacklist.
             * @member {onecard.v1.BlacklistData.$Properties|null|undefined} blacklist
             * @memberof onecard.v1.DatasetUpdate
             * @instance
             */
            DatasetUpdate.prototype.blacklist = null;

            /**
             * DatasetUpdate cards.
             * @member {onecard.v1.CardsData.$Properties|null|undefined} cards
             * @memberof onecard.v1.DatasetUpdate
             * @instance
             */
            DatasetUpdate.prototype.cards = null;

            /**
             * DatasetUpdate balances.
             * @member {onecard.v1.BalancesData.$Properties|null|undefined} balances
             * @memberof onecard.v1.DatasetUpdate
             * @instance
             */
            DatasetUpdate.prototype.balances = null;

            /**
             * DatasetUpdate tariffs.
             * @member {onecard.v1.TariffsData.$Properties|null|undefined} tariffs
             * @memberof onecard.v1.DatasetUpdate
             * @instance
             */
            DatasetUpdate.prototype.tariffs = null;

            /**
             * DatasetUpdate schedules.
             * @member {onecard.v1.SchedulesData.$Properties|null|undefined} schedules
             * @memberof onecard.v1.DatasetUpdate
             * @instance
             */
            DatasetUpdate.prototype.schedules = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * DatasetUpdate data.
             * @member {"blacklist"|"cards"|"balances"|"tariffs"|"schedules"|undefined} data
             * @memberof onecard.v1.DatasetUpdate
             * @instance
             */
            $Object.defineProperty(DatasetUpdate.prototype, "data", {
                get: $util.oneOfGetter($oneOfFields = ["blacklist", "cards", "balances", "tariffs", "schedules"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new DatasetUpdate instance using the specified properties.
             * @function create
             * @memberof onecard.v1.DatasetUpdate
             * @static
             * @param {onecard.v1.DatasetUpdate.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.DatasetUpdate} DatasetUpdate instance
             * @type {{
             *   (properties: onecard.v1.DatasetUpdate.$Shape): onecard.v1.DatasetUpdate & onecard.v1.DatasetUpdate.$Shape;
             *   (properties?: onecard.v1.DatasetUpdate.$Properties): onecard.v1.DatasetUpdate;
             * }}
             */
            DatasetUpdate.create = function(properties) {
                return new DatasetUpdate(properties);
            };

            /**
             * Encodes the specified DatasetUpdate message. Does not implicitly {@link onecard.v1.DatasetUpdate.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.DatasetUpdate
             * @static
             * @param {onecard.v1.DatasetUpdate.$Properties} message DatasetUpdate message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DatasetUpdate.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.name);
                if (message.version != null && $Object.hasOwnProperty.call(message, "version") && (typeof message.version === "object" ? message.version.low || message.version.high : message.version !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.version);
                if (message.fromVersion != null && $Object.hasOwnProperty.call(message, "fromVersion") && (typeof message.fromVersion === "object" ? message.fromVersion.low || message.fromVersion.high : message.fromVersion !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.fromVersion);
                if (message.fullSnapshot != null && $Object.hasOwnProperty.call(message, "fullSnapshot") && message.fullSnapshot !== false)
                    writer.uint32(/* id 4, wireType 0 =*/32).bool(message.fullSnapshot);
                if (message.snapshotId != null && $Object.hasOwnProperty.call(message, "snapshotId") && (typeof message.snapshotId === "object" ? message.snapshotId.low || message.snapshotId.high : message.snapshotId !== 0))
                    writer.uint32(/* id 5, wireType 0 =*/40).uint64(message.snapshotId);
                if (message.chunkIndex != null && $Object.hasOwnProperty.call(message, "chunkIndex") && message.chunkIndex !== 0)
                    writer.uint32(/* id 6, wireType 0 =*/48).uint32(message.chunkIndex);
                if (message.chunkCount != null && $Object.hasOwnProperty.call(message, "chunkCount") && message.chunkCount !== 0)
                    writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.chunkCount);
                if (message.blacklist != null && $Object.hasOwnProperty.call(message, "blacklist"))
                    $root.onecard.v1.BlacklistData.encode(message.blacklist, writer.uint32(/* id 10, wireType 2 =*/82).fork(), _depth + 1).ldelim();
                if (message.cards != null && $Object.hasOwnProperty.call(message, "cards"))
                    $root.onecard.v1.CardsData.encode(message.cards, writer.uint32(/* id 11, wireType 2 =*/90).fork(), _depth + 1).ldelim();
                if (message.balances != null && $Object.hasOwnProperty.call(message, "balances"))
                    $root.onecard.v1.BalancesData.encode(message.balances, writer.uint32(/* id 12, wireType 2 =*/98).fork(), _depth + 1).ldelim();
                if (message.tariffs != null && $Object.hasOwnProperty.call(message, "tariffs"))
                    $root.onecard.v1.TariffsData.encode(message.tariffs, writer.uint32(/* id 13, wireType 2 =*/106).fork(), _depth + 1).ldelim();
                if (message.schedules != null && $Object.hasOwnProperty.call(message, "schedules"))
                    $root.onecard.v1.SchedulesData.encode(message.schedules, writer.uint32(/* id 14, wireType 2 =*/114).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a DatasetUpdate message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.DatasetUpdate
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.DatasetUpdate & onecard.v1.DatasetUpdate.$Shape} DatasetUpdate
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DatasetUpdate.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.DatasetUpdate();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.name = value;
                            else
                                delete message.name;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.version = value;
                            else
                                delete message.version;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.fromVersion = value;
                            else
                                delete message.fromVersion;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.fullSnapshot = value;
                            else
                                delete message.fullSnapshot;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.snapshotId = value;
                            else
                                delete message.snapshotId;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.chunkIndex = value;
                            else
                                delete message.chunkIndex;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.chunkCount = value;
                            else
                                delete message.chunkCount;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            message.blacklist = $root.onecard.v1.BlacklistData.decode(reader, reader.size(), $undefined, _depth + 1, message.blacklist);
                            message.data = "blacklist";
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            message.cards = $root.onecard.v1.CardsData.decode(reader, reader.size(), $undefined, _depth + 1, message.cards);
                            message.data = "cards";
                            continue;
                        }
                    case 12: {
                            if (wireType !== 2)
                                break;
                            message.balances = $root.onecard.v1.BalancesData.decode(reader, reader.size(), $undefined, _depth + 1, message.balances);
                            message.data = "balances";
                            continue;
                        }
                    case 13: {
                            if (wireType !== 2)
                                break;
                            message.tariffs = $root.onecard.v1.TariffsData.decode(reader, reader.size(), $undefined, _depth + 1, message.tariffs);
                            message.data = "tariffs";
                            continue;
                        }
                    case 14: {
                            if (wireType !== 2)
                                break;
                            message.schedules = $root.onecard.v1.SchedulesData.decode(reader, reader.size(), $undefined, _depth + 1, message.schedules);
                            message.data = "schedules";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return DatasetUpdate;
        })();

        /**
         * BlacklistReason enum.
         * @name onecard.v1.BlacklistReason
         * @enum {number}
         * @property {number} BLACKLIST_REASON_UNSPECIFIED=0 BLACKLIST_REASON_UNSPECIFIED value
         * @property {number} BLACKLIST_REASON_LOST=1 BLACKLIST_REASON_LOST value
         * @property {number} BLACKLIST_REASON_REPLACED=2 BLACKLIST_REASON_REPLACED value
         * @property {number} BLACKLIST_REASON_CANCELLED=3 BLACKLIST_REASON_CANCELLED value
         */
        v1.BlacklistReason = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "BLACKLIST_REASON_UNSPECIFIED"] = 0;
            values[valuesById[1] = "BLACKLIST_REASON_LOST"] = 1;
            values[valuesById[2] = "BLACKLIST_REASON_REPLACED"] = 2;
            values[valuesById[3] = "BLACKLIST_REASON_CANCELLED"] = 3;
            return values;
        })();

        v1.BlacklistEntry = (function() {

            /**
             * Properties of a BlacklistEntry.
             * @typedef {Object} onecard.v1.BlacklistEntry.$Properties
             * @property {string|null} [cardUid] BlacklistEntry cardUid
             * @property {onecard.v1.BlacklistReason|null} [reason] BlacklistEntry reason
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a BlacklistEntry.
             * @memberof onecard.v1
             * @interface IBlacklistEntry
             * @augments onecard.v1.BlacklistEntry.$Properties
             * @deprecated Use onecard.v1.BlacklistEntry.$Properties instead.
             */

            /**
             * Shape of a BlacklistEntry.
             * @typedef {onecard.v1.BlacklistEntry.$Properties} onecard.v1.BlacklistEntry.$Shape
             */

            /**
             * Constructs a new BlacklistEntry.
             * @memberof onecard.v1
             * @classdesc Represents a BlacklistEntry.
             * @constructor
             * @param {onecard.v1.BlacklistEntry.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const BlacklistEntry = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * BlacklistEntry cardUid.
             * @member {string} cardUid
             * @memberof onecard.v1.BlacklistEntry
             * @instance
             */
            BlacklistEntry.prototype.cardUid = "";

            /**
             * BlacklistEntry reason.
             * @member {onecard.v1.BlacklistReason} reason
             * @memberof onecard.v1.BlacklistEntry
             * @instance
             */
            BlacklistEntry.prototype.reason = 0;

            /**
             * Creates a new BlacklistEntry instance using the specified properties.
             * @function create
             * @memberof onecard.v1.BlacklistEntry
             * @static
             * @param {onecard.v1.BlacklistEntry.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.BlacklistEntry} BlacklistEntry instance
             * @type {{
             *   (properties: onecard.v1.BlacklistEntry.$Shape): onecard.v1.BlacklistEntry & onecard.v1.BlacklistEntry.$Shape;
             *   (properties?: onecard.v1.BlacklistEntry.$Properties): onecard.v1.BlacklistEntry;
             * }}
             */
            BlacklistEntry.create = function(properties) {
                return new BlacklistEntry(properties);
            };

            /**
             * Encodes the specified BlacklistEntry message. Does not implicitly {@link onecard.v1.BlacklistEntry.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.BlacklistEntry
             * @static
             * @param {onecard.v1.BlacklistEntry.$Properties} message BlacklistEntry message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            BlacklistEntry.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.cardUid != null && $Object.hasOwnProperty.call(message, "cardUid") && message.cardUid !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.cardUid);
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).int32(message.reason);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a BlacklistEntry message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.BlacklistEntry
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.BlacklistEntry & onecard.v1.BlacklistEntry.$Shape} BlacklistEntry
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            BlacklistEntry.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.BlacklistEntry();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.cardUid = value;
                            else
                                delete message.cardUid;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.reason = value;
                            else
                                delete message.reason;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return BlacklistEntry;
        })();

        v1.BlacklistData = (function() {

            /**
             * Properties of a BlacklistData.
             * @typedef {Object} onecard.v1.BlacklistData.$Properties
             * @property {Array.<string>|null} [addCardUids] BlacklistData addCardUids
             * @property {Array.<string>|null} [removeCardUids] BlacklistData removeCardUids
             * @property {Array.<onecard.v1.BlacklistEntry.$Properties>|null} [add] BlacklistData add
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a BlacklistData.
             * @memberof onecard.v1
             * @interface IBlacklistData
             * @augments onecard.v1.BlacklistData.$Properties
             * @deprecated Use onecard.v1.BlacklistData.$Properties instead.
             */

            /**
             * Shape of a BlacklistData.
             * @typedef {onecard.v1.BlacklistData.$Properties} onecard.v1.BlacklistData.$Shape
             */

            /**
             * Constructs a new BlacklistData.
             * @memberof onecard.v1
             * @classdesc Represents a BlacklistData.
             * @constructor
             * @param {onecard.v1.BlacklistData.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const BlacklistData = function (properties) {
                this.addCardUids = [];
                this.removeCardUids = [];
                this.add = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * BlacklistData addCardUids.
             * @member {Array.<string>} addCardUids
             * @memberof onecard.v1.BlacklistData
             * @instance
             */
            BlacklistData.prototype.addCardUids = $util.emptyArray;

            /**
             * BlacklistData removeCardUids.
             * @member {Array.<string>} removeCardUids
             * @memberof onecard.v1.BlacklistData
             * @instance
             */
            BlacklistData.prototype.removeCardUids = $util.emptyArray;

            /**
             * BlacklistData add.
             * @member {Array.<onecard.v1.BlacklistEntry.$Properties>} add
             * @memberof onecard.v1.BlacklistData
             * @instance
             */
            BlacklistData.prototype.add = $util.emptyArray;

            /**
             * Creates a new BlacklistData instance using the specified properties.
             * @function create
             * @memberof onecard.v1.BlacklistData
             * @static
             * @param {onecard.v1.BlacklistData.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.BlacklistData} BlacklistData instance
             * @type {{
             *   (properties: onecard.v1.BlacklistData.$Shape): onecard.v1.BlacklistData & onecard.v1.BlacklistData.$Shape;
             *   (properties?: onecard.v1.BlacklistData.$Properties): onecard.v1.BlacklistData;
             * }}
             */
            BlacklistData.create = function(properties) {
                return new BlacklistData(properties);
            };

            /**
             * Encodes the specified BlacklistData message. Does not implicitly {@link onecard.v1.BlacklistData.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.BlacklistData
             * @static
             * @param {onecard.v1.BlacklistData.$Properties} message BlacklistData message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            BlacklistData.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.addCardUids != null && message.addCardUids.length)
                    for (let i = 0; i < message.addCardUids.length; ++i)
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.addCardUids[i]);
                if (message.removeCardUids != null && message.removeCardUids.length)
                    for (let i = 0; i < message.removeCardUids.length; ++i)
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.removeCardUids[i]);
                if (message.add != null && message.add.length)
                    for (let i = 0; i < message.add.length; ++i)
                        $root.onecard.v1.BlacklistEntry.encode(message.add[i], writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a BlacklistData message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.BlacklistData
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.BlacklistData & onecard.v1.BlacklistData.$Shape} BlacklistData
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            BlacklistData.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.BlacklistData();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.addCardUids && message.addCardUids.length))
                                message.addCardUids = [];
                            message.addCardUids.push(reader.stringVerify());
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if (!(message.removeCardUids && message.removeCardUids.length))
                                message.removeCardUids = [];
                            message.removeCardUids.push(reader.stringVerify());
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if (!(message.add && message.add.length))
                                message.add = [];
                            message.add.push($root.onecard.v1.BlacklistEntry.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return BlacklistData;
        })();

        v1.BalancesData = (function() {

            /**
             * Properties of a BalancesData.
             * @typedef {Object} onecard.v1.BalancesData.$Properties
             * @property {Array.<onecard.v1.BalanceEntry.$Properties>|null} [upsert] BalancesData upsert
             * @property {Array.<string>|null} [removeAccountIds] BalancesData removeAccountIds
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a BalancesData.
             * @memberof onecard.v1
             * @interface IBalancesData
             * @augments onecard.v1.BalancesData.$Properties
             * @deprecated Use onecard.v1.BalancesData.$Properties instead.
             */

            /**
             * Shape of a BalancesData.
             * @typedef {onecard.v1.BalancesData.$Properties} onecard.v1.BalancesData.$Shape
             */

            /**
             * Constructs a new BalancesData.
             * @memberof onecard.v1
             * @classdesc Represents a BalancesData.
             * @constructor
             * @param {onecard.v1.BalancesData.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const BalancesData = function (properties) {
                this.upsert = [];
                this.removeAccountIds = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * BalancesData upsert.
             * @member {Array.<onecard.v1.BalanceEntry.$Properties>} upsert
             * @memberof onecard.v1.BalancesData
             * @instance
             */
            BalancesData.prototype.upsert = $util.emptyArray;

            /**
             * BalancesData removeAccountIds.
             * @member {Array.<string>} removeAccountIds
             * @memberof onecard.v1.BalancesData
             * @instance
             */
            BalancesData.prototype.removeAccountIds = $util.emptyArray;

            /**
             * Creates a new BalancesData instance using the specified properties.
             * @function create
             * @memberof onecard.v1.BalancesData
             * @static
             * @param {onecard.v1.BalancesData.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.BalancesData} BalancesData instance
             * @type {{
             *   (properties: onecard.v1.BalancesData.$Shape): onecard.v1.BalancesData & onecard.v1.BalancesData.$Shape;
             *   (properties?: onecard.v1.BalancesData.$Properties): onecard.v1.BalancesData;
             * }}
             */
            BalancesData.create = function(properties) {
                return new BalancesData(properties);
            };

            /**
             * Encodes the specified BalancesData message. Does not implicitly {@link onecard.v1.BalancesData.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.BalancesData
             * @static
             * @param {onecard.v1.BalancesData.$Properties} message BalancesData message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            BalancesData.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.upsert != null && message.upsert.length)
                    for (let i = 0; i < message.upsert.length; ++i)
                        $root.onecard.v1.BalanceEntry.encode(message.upsert[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.removeAccountIds != null && message.removeAccountIds.length)
                    for (let i = 0; i < message.removeAccountIds.length; ++i)
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.removeAccountIds[i]);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a BalancesData message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.BalancesData
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.BalancesData & onecard.v1.BalancesData.$Shape} BalancesData
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            BalancesData.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.BalancesData();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.upsert && message.upsert.length))
                                message.upsert = [];
                            message.upsert.push($root.onecard.v1.BalanceEntry.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if (!(message.removeAccountIds && message.removeAccountIds.length))
                                message.removeAccountIds = [];
                            message.removeAccountIds.push(reader.stringVerify());
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return BalancesData;
        })();

        v1.BalanceEntry = (function() {

            /**
             * Properties of a BalanceEntry.
             * @typedef {Object} onecard.v1.BalanceEntry.$Properties
             * @property {string|null} [accountId] BalanceEntry accountId
             * @property {number|null} [balanceFen] BalanceEntry balanceFen
             * @property {number|null} [postedSeq] BalanceEntry postedSeq
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a BalanceEntry.
             * @memberof onecard.v1
             * @interface IBalanceEntry
             * @augments onecard.v1.BalanceEntry.$Properties
             * @deprecated Use onecard.v1.BalanceEntry.$Properties instead.
             */

            /**
             * Shape of a BalanceEntry.
             * @typedef {onecard.v1.BalanceEntry.$Properties} onecard.v1.BalanceEntry.$Shape
             */

            /**
             * Constructs a new BalanceEntry.
             * @memberof onecard.v1
             * @classdesc Represents a BalanceEntry.
             * @constructor
             * @param {onecard.v1.BalanceEntry.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const BalanceEntry = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * BalanceEntry accountId.
             * @member {string} accountId
             * @memberof onecard.v1.BalanceEntry
             * @instance
             */
            BalanceEntry.prototype.accountId = "";

            /**
             * BalanceEntry balanceFen.
             * @member {number} balanceFen
             * @memberof onecard.v1.BalanceEntry
             * @instance
             */
            BalanceEntry.prototype.balanceFen = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * BalanceEntry postedSeq.
             * @member {number} postedSeq
             * @memberof onecard.v1.BalanceEntry
             * @instance
             */
            BalanceEntry.prototype.postedSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new BalanceEntry instance using the specified properties.
             * @function create
             * @memberof onecard.v1.BalanceEntry
             * @static
             * @param {onecard.v1.BalanceEntry.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.BalanceEntry} BalanceEntry instance
             * @type {{
             *   (properties: onecard.v1.BalanceEntry.$Shape): onecard.v1.BalanceEntry & onecard.v1.BalanceEntry.$Shape;
             *   (properties?: onecard.v1.BalanceEntry.$Properties): onecard.v1.BalanceEntry;
             * }}
             */
            BalanceEntry.create = function(properties) {
                return new BalanceEntry(properties);
            };

            /**
             * Encodes the specified BalanceEntry message. Does not implicitly {@link onecard.v1.BalanceEntry.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.BalanceEntry
             * @static
             * @param {onecard.v1.BalanceEntry.$Properties} message BalanceEntry message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            BalanceEntry.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.accountId != null && $Object.hasOwnProperty.call(message, "accountId") && message.accountId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.accountId);
                if (message.balanceFen != null && $Object.hasOwnProperty.call(message, "balanceFen") && (typeof message.balanceFen === "object" ? message.balanceFen.low || message.balanceFen.high : message.balanceFen !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).int64(message.balanceFen);
                if (message.postedSeq != null && $Object.hasOwnProperty.call(message, "postedSeq") && (typeof message.postedSeq === "object" ? message.postedSeq.low || message.postedSeq.high : message.postedSeq !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.postedSeq);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a BalanceEntry message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.BalanceEntry
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.BalanceEntry & onecard.v1.BalanceEntry.$Shape} BalanceEntry
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            BalanceEntry.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.BalanceEntry();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.accountId = value;
                            else
                                delete message.accountId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.balanceFen = value;
                            else
                                delete message.balanceFen;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.postedSeq = value;
                            else
                                delete message.postedSeq;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return BalanceEntry;
        })();

        v1.TariffsData = (function() {

            /**
             * Properties of a TariffsData.
             * @typedef {Object} onecard.v1.TariffsData.$Properties
             * @property {Array.<onecard.v1.Tariff.$Properties>|null} [upsert] TariffsData upsert
             * @property {Array.<string>|null} [removeTariffIds] TariffsData removeTariffIds
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a TariffsData.
             * @memberof onecard.v1
             * @interface ITariffsData
             * @augments onecard.v1.TariffsData.$Properties
             * @deprecated Use onecard.v1.TariffsData.$Properties instead.
             */

            /**
             * Shape of a TariffsData.
             * @typedef {onecard.v1.TariffsData.$Properties} onecard.v1.TariffsData.$Shape
             */

            /**
             * Constructs a new TariffsData.
             * @memberof onecard.v1
             * @classdesc Represents a TariffsData.
             * @constructor
             * @param {onecard.v1.TariffsData.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const TariffsData = function (properties) {
                this.upsert = [];
                this.removeTariffIds = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * TariffsData upsert.
             * @member {Array.<onecard.v1.Tariff.$Properties>} upsert
             * @memberof onecard.v1.TariffsData
             * @instance
             */
            TariffsData.prototype.upsert = $util.emptyArray;

            /**
             * TariffsData removeTariffIds.
             * @member {Array.<string>} removeTariffIds
             * @memberof onecard.v1.TariffsData
             * @instance
             */
            TariffsData.prototype.removeTariffIds = $util.emptyArray;

            /**
             * Creates a new TariffsData instance using the specified properties.
             * @function create
             * @memberof onecard.v1.TariffsData
             * @static
             * @param {onecard.v1.TariffsData.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.TariffsData} TariffsData instance
             * @type {{
             *   (properties: onecard.v1.TariffsData.$Shape): onecard.v1.TariffsData & onecard.v1.TariffsData.$Shape;
             *   (properties?: onecard.v1.TariffsData.$Properties): onecard.v1.TariffsData;
             * }}
             */
            TariffsData.create = function(properties) {
                return new TariffsData(properties);
            };

            /**
             * Encodes the specified TariffsData message. Does not implicitly {@link onecard.v1.TariffsData.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.TariffsData
             * @static
             * @param {onecard.v1.TariffsData.$Properties} message TariffsData message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            TariffsData.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.upsert != null && message.upsert.length)
                    for (let i = 0; i < message.upsert.length; ++i)
                        $root.onecard.v1.Tariff.encode(message.upsert[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.removeTariffIds != null && message.removeTariffIds.length)
                    for (let i = 0; i < message.removeTariffIds.length; ++i)
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.removeTariffIds[i]);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a TariffsData message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.TariffsData
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.TariffsData & onecard.v1.TariffsData.$Shape} TariffsData
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            TariffsData.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.TariffsData();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.upsert && message.upsert.length))
                                message.upsert = [];
                            message.upsert.push($root.onecard.v1.Tariff.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if (!(message.removeTariffIds && message.removeTariffIds.length))
                                message.removeTariffIds = [];
                            message.removeTariffIds.push(reader.stringVerify());
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return TariffsData;
        })();

        /**
         * TariffBasis enum.
         * @name onecard.v1.TariffBasis
         * @enum {number}
         * @property {number} TARIFF_BASIS_UNSPECIFIED=0 TARIFF_BASIS_UNSPECIFIED value
         * @property {number} TARIFF_BASIS_PER_LITRE=1 TARIFF_BASIS_PER_LITRE value
         * @property {number} TARIFF_BASIS_PER_SECOND=2 TARIFF_BASIS_PER_SECOND value
         * @property {number} TARIFF_BASIS_PER_KWH=3 TARIFF_BASIS_PER_KWH value
         */
        v1.TariffBasis = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "TARIFF_BASIS_UNSPECIFIED"] = 0;
            values[valuesById[1] = "TARIFF_BASIS_PER_LITRE"] = 1;
            values[valuesById[2] = "TARIFF_BASIS_PER_SECOND"] = 2;
            values[valuesById[3] = "TARIFF_BASIS_PER_KWH"] = 3;
            return values;
        })();

        v1.Tariff = (function() {

            /**
             * Properties of a Tariff.
             * @typedef {Object} onecard.v1.Tariff.$Properties
             * @property {string|null} [tariffId] Tariff tariffId
             * @property {onecard.v1.TariffBasis|null} [basis] Tariff basis
             * @property {number|null} [priceMillifen] Tariff priceMillifen
             * @property {Array.<onecard.v1.TariffBand.$Properties>|null} [bands] Tariff bands
             * @property {number|null} [minimumChargeFen] Tariff minimumChargeFen
             * @property {number|null} [maxSessionMs] Tariff maxSessionMs
             * @property {number|null} [maxSessionCostFen] Tariff maxSessionCostFen
             * @property {number|null} [freeEnergyWhPerMonth] Tariff freeEnergyWhPerMonth
             * @property {number|null} [fallbackPriceMillifenPerSecond] Tariff fallbackPriceMillifenPerSecond
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Tariff.
             * @memberof onecard.v1
             * @interface ITariff
             * @augments onecard.v1.Tariff.$Properties
             * @deprecated Use onecard.v1.Tariff.$Properties instead.
             */

            /**
             * Shape of a Tariff.
             * @typedef {onecard.v1.Tariff.$Properties} onecard.v1.Tariff.$Shape
             */

            /**
             * Constructs a new Tariff.
             * @memberof onecard.v1
             * @classdesc Represents a Tariff.
             * @constructor
             * @param {onecard.v1.Tariff.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Tariff = function (properties) {
                this.bands = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Tariff tariffId.
             * @member {string} tariffId
             * @memberof onecard.v1.Tariff
             * @instance
             */
            Tariff.prototype.tariffId = "";

            /**
             * Tariff basis.
             * @member {onecard.v1.TariffBasis} basis
             * @memberof onecard.v1.Tariff
             * @instance
             */
            Tariff.prototype.basis = 0;

            /**
             * Tariff priceMillifen.
             * @member {number} priceMillifen
             * @memberof onecard.v1.Tariff
             * @instance
             */
            Tariff.prototype.priceMillifen = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Tariff bands.
             * @member {Array.<onecard.v1.TariffBand.$Properties>} bands
             * @memberof onecard.v1.Tariff
             * @instance
             */
            Tariff.prototype.bands = $util.emptyArray;

            /**
             * Tariff minimumChargeFen.
             * @member {number} minimumChargeFen
             * @memberof onecard.v1.Tariff
             * @instance
             */
            Tariff.prototype.minimumChargeFen = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Tariff maxSessionMs.
             * @member {number} maxSessionMs
             * @memberof onecard.v1.Tariff
             * @instance
             */
            Tariff.prototype.maxSessionMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Tariff maxSessionCostFen.
             * @member {number} maxSessionCostFen
             * @memberof onecard.v1.Tariff
             * @instance
             */
            Tariff.prototype.maxSessionCostFen = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Tariff freeEnergyWhPerMonth.
             * @member {number} freeEnergyWhPerMonth
             * @memberof onecard.v1.Tariff
             * @instance
             */
            Tariff.prototype.freeEnergyWhPerMonth = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Tariff fallbackPriceMillifenPerSecond.
             * @member {number} fallbackPriceMillifenPerSecond
             * @memberof onecard.v1.Tariff
             * @instance
             */
            Tariff.prototype.fallbackPriceMillifenPerSecond = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new Tariff instance using the specified properties.
             * @function create
             * @memberof onecard.v1.Tariff
             * @static
             * @param {onecard.v1.Tariff.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.Tariff} Tariff instance
             * @type {{
             *   (properties: onecard.v1.Tariff.$Shape): onecard.v1.Tariff & onecard.v1.Tariff.$Shape;
             *   (properties?: onecard.v1.Tariff.$Properties): onecard.v1.Tariff;
             * }}
             */
            Tariff.create = function(properties) {
                return new Tariff(properties);
            };

            /**
             * Encodes the specified Tariff message. Does not implicitly {@link onecard.v1.Tariff.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.Tariff
             * @static
             * @param {onecard.v1.Tariff.$Properties} message Tariff message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Tariff.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.tariffId != null && $Object.hasOwnProperty.call(message, "tariffId") && message.tariffId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.tariffId);
                if (message.basis != null && $Object.hasOwnProperty.call(message, "basis") && message.basis !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).int32(message.basis);
                if (message.priceMillifen != null && $Object.hasOwnProperty.call(message, "priceMillifen") && (typeof message.priceMillifen === "object" ? message.priceMillifen.low || message.priceMillifen.high : message.priceMillifen !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.priceMillifen);
                if (message.bands != null && message.bands.length)
                    for (let i = 0; i < message.bands.length; ++i)
                        $root.onecard.v1.TariffBand.encode(message.bands[i], writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.minimumChargeFen != null && $Object.hasOwnProperty.call(message, "minimumChargeFen") && (typeof message.minimumChargeFen === "object" ? message.minimumChargeFen.low || message.minimumChargeFen.high : message.minimumChargeFen !== 0))
                    writer.uint32(/* id 5, wireType 0 =*/40).uint64(message.minimumChargeFen);
                if (message.maxSessionMs != null && $Object.hasOwnProperty.call(message, "maxSessionMs") && (typeof message.maxSessionMs === "object" ? message.maxSessionMs.low || message.maxSessionMs.high : message.maxSessionMs !== 0))
                    writer.uint32(/* id 6, wireType 0 =*/48).uint64(message.maxSessionMs);
                if (message.maxSessionCostFen != null && $Object.hasOwnProperty.call(message, "maxSessionCostFen") && (typeof message.maxSessionCostFen === "object" ? message.maxSessionCostFen.low || message.maxSessionCostFen.high : message.maxSessionCostFen !== 0))
                    writer.uint32(/* id 7, wireType 0 =*/56).uint64(message.maxSessionCostFen);
                if (message.freeEnergyWhPerMonth != null && $Object.hasOwnProperty.call(message, "freeEnergyWhPerMonth") && (typeof message.freeEnergyWhPerMonth === "object" ? message.freeEnergyWhPerMonth.low || message.freeEnergyWhPerMonth.high : message.freeEnergyWhPerMonth !== 0))
                    writer.uint32(/* id 8, wireType 0 =*/64).uint64(message.freeEnergyWhPerMonth);
                if (message.fallbackPriceMillifenPerSecond != null && $Object.hasOwnProperty.call(message, "fallbackPriceMillifenPerSecond") && (typeof message.fallbackPriceMillifenPerSecond === "object" ? message.fallbackPriceMillifenPerSecond.low || message.fallbackPriceMillifenPerSecond.high : message.fallbackPriceMillifenPerSecond !== 0))
                    writer.uint32(/* id 9, wireType 0 =*/72).uint64(message.fallbackPriceMillifenPerSecond);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Tariff message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.Tariff
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.Tariff & onecard.v1.Tariff.$Shape} Tariff
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Tariff.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.Tariff();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.tariffId = value;
                            else
                                delete message.tariffId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.basis = value;
                            else
                                delete message.basis;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.priceMillifen = value;
                            else
                                delete message.priceMillifen;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if (!(message.bands && message.bands.length))
                                message.bands = [];
                            message.bands.push($root.onecard.v1.TariffBand.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.minimumChargeFen = value;
                            else
                                delete message.minimumChargeFen;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.maxSessionMs = value;
                            else
                                delete message.maxSessionMs;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.maxSessionCostFen = value;
                            else
                                delete message.maxSessionCostFen;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.freeEnergyWhPerMonth = value;
                            else
                                delete message.freeEnergyWhPerMonth;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.fallbackPriceMillifenPerSecond = value;
                            else
                                delete message.fallbackPriceMillifenPerSecond;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Tariff;
        })();

        v1.TariffBand = (function() {

            /**
             * Properties of a TariffBand.
             * @typedef {Object} onecard.v1.TariffBand.$Properties
             * @property {number|null} [startMinute] TariffBand startMinute
             * @property {number|null} [endMinute] TariffBand endMinute
             * @property {number|null} [priceMillifen] TariffBand priceMillifen
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a TariffBand.
             * @memberof onecard.v1
             * @interface ITariffBand
             * @augments onecard.v1.TariffBand.$Properties
             * @deprecated Use onecard.v1.TariffBand.$Properties instead.
             */

            /**
             * Shape of a TariffBand.
             * @typedef {onecard.v1.TariffBand.$Properties} onecard.v1.TariffBand.$Shape
             */

            /**
             * Constructs a new TariffBand.
             * @memberof onecard.v1
             * @classdesc Represents a TariffBand.
             * @constructor
             * @param {onecard.v1.TariffBand.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const TariffBand = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * TariffBand startMinute.
             * @member {number} startMinute
             * @memberof onecard.v1.TariffBand
             * @instance
             */
            TariffBand.prototype.startMinute = 0;

            /**
             * TariffBand endMinute.
             * @member {number} endMinute
             * @memberof onecard.v1.TariffBand
             * @instance
             */
            TariffBand.prototype.endMinute = 0;

            /**
             * TariffBand priceMillifen.
             * @member {number} priceMillifen
             * @memberof onecard.v1.TariffBand
             * @instance
             */
            TariffBand.prototype.priceMillifen = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new TariffBand instance using the specified properties.
             * @function create
             * @memberof onecard.v1.TariffBand
             * @static
             * @param {onecard.v1.TariffBand.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.TariffBand} TariffBand instance
             * @type {{
             *   (properties: onecard.v1.TariffBand.$Shape): onecard.v1.TariffBand & onecard.v1.TariffBand.$Shape;
             *   (properties?: onecard.v1.TariffBand.$Properties): onecard.v1.TariffBand;
             * }}
             */
            TariffBand.create = function(properties) {
                return new TariffBand(properties);
            };

            /**
             * Encodes the specified TariffBand message. Does not implicitly {@link onecard.v1.TariffBand.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.TariffBand
             * @static
             * @param {onecard.v1.TariffBand.$Properties} message TariffBand message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            TariffBand.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.startMinute != null && $Object.hasOwnProperty.call(message, "startMinute") && message.startMinute !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.startMinute);
                if (message.endMinute != null && $Object.hasOwnProperty.call(message, "endMinute") && message.endMinute !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.endMinute);
                if (message.priceMillifen != null && $Object.hasOwnProperty.call(message, "priceMillifen") && (typeof message.priceMillifen === "object" ? message.priceMillifen.low || message.priceMillifen.high : message.priceMillifen !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.priceMillifen);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a TariffBand message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.TariffBand
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.TariffBand & onecard.v1.TariffBand.$Shape} TariffBand
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            TariffBand.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.TariffBand();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.startMinute = value;
                            else
                                delete message.startMinute;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.endMinute = value;
                            else
                                delete message.endMinute;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.priceMillifen = value;
                            else
                                delete message.priceMillifen;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return TariffBand;
        })();

        v1.SchedulesData = (function() {

            /**
             * Properties of a SchedulesData.
             * @typedef {Object} onecard.v1.SchedulesData.$Properties
             * @property {Array.<onecard.v1.Schedule.$Properties>|null} [upsert] SchedulesData upsert
             * @property {Array.<string>|null} [removeScheduleIds] SchedulesData removeScheduleIds
             * @property {Array.<string>|null} [addHolidays] SchedulesData addHolidays
             * @property {Array.<string>|null} [removeHolidays] SchedulesData removeHolidays
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SchedulesData.
             * @memberof onecard.v1
             * @interface ISchedulesData
             * @augments onecard.v1.SchedulesData.$Properties
             * @deprecated Use onecard.v1.SchedulesData.$Properties instead.
             */

            /**
             * Shape of a SchedulesData.
             * @typedef {onecard.v1.SchedulesData.$Properties} onecard.v1.SchedulesData.$Shape
             */

            /**
             * Constructs a new SchedulesData.
             * @memberof onecard.v1
             * @classdesc Represents a SchedulesData.
             * @constructor
             * @param {onecard.v1.SchedulesData.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SchedulesData = function (properties) {
                this.upsert = [];
                this.removeScheduleIds = [];
                this.addHolidays = [];
                this.removeHolidays = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * SchedulesData upsert.
             * @member {Array.<onecard.v1.Schedule.$Properties>} upsert
             * @memberof onecard.v1.SchedulesData
             * @instance
             */
            SchedulesData.prototype.upsert = $util.emptyArray;

            /**
             * SchedulesData removeScheduleIds.
             * @member {Array.<string>} removeScheduleIds
             * @memberof onecard.v1.SchedulesData
             * @instance
             */
            SchedulesData.prototype.removeScheduleIds = $util.emptyArray;

            /**
             * SchedulesData addHolidays.
             * @member {Array.<string>} addHolidays
             * @memberof onecard.v1.SchedulesData
             * @instance
             */
            SchedulesData.prototype.addHolidays = $util.emptyArray;

            /**
             * SchedulesData removeHolidays.
             * @member {Array.<string>} removeHolidays
             * @memberof onecard.v1.SchedulesData
             * @instance
             */
            SchedulesData.prototype.removeHolidays = $util.emptyArray;

            /**
             * Creates a new SchedulesData instance using the specified properties.
             * @function create
             * @memberof onecard.v1.SchedulesData
             * @static
             * @param {onecard.v1.SchedulesData.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.SchedulesData} SchedulesData instance
             * @type {{
             *   (properties: onecard.v1.SchedulesData.$Shape): onecard.v1.SchedulesData & onecard.v1.SchedulesData.$Shape;
             *   (properties?: onecard.v1.SchedulesData.$Properties): onecard.v1.SchedulesData;
             * }}
             */
            SchedulesData.create = function(properties) {
                return new SchedulesData(properties);
            };

            /**
             * Encodes the specified SchedulesData message. Does not implicitly {@link onecard.v1.SchedulesData.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.SchedulesData
             * @static
             * @param {onecard.v1.SchedulesData.$Properties} message SchedulesData message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SchedulesData.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.upsert != null && message.upsert.length)
                    for (let i = 0; i < message.upsert.length; ++i)
                        $root.onecard.v1.Schedule.encode(message.upsert[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.removeScheduleIds != null && message.removeScheduleIds.length)
                    for (let i = 0; i < message.removeScheduleIds.length; ++i)
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.removeScheduleIds[i]);
                if (message.addHolidays != null && message.addHolidays.length)
                    for (let i = 0; i < message.addHolidays.length; ++i)
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.addHolidays[i]);
                if (message.removeHolidays != null && message.removeHolidays.length)
                    for (let i = 0; i < message.removeHolidays.length; ++i)
                        writer.uint32(/* id 4, wireType 2 =*/34).string(message.removeHolidays[i]);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a SchedulesData message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.SchedulesData
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.SchedulesData & onecard.v1.SchedulesData.$Shape} SchedulesData
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SchedulesData.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.SchedulesData();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.upsert && message.upsert.length))
                                message.upsert = [];
                            message.upsert.push($root.onecard.v1.Schedule.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if (!(message.removeScheduleIds && message.removeScheduleIds.length))
                                message.removeScheduleIds = [];
                            message.removeScheduleIds.push(reader.stringVerify());
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if (!(message.addHolidays && message.addHolidays.length))
                                message.addHolidays = [];
                            message.addHolidays.push(reader.stringVerify());
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if (!(message.removeHolidays && message.removeHolidays.length))
                                message.removeHolidays = [];
                            message.removeHolidays.push(reader.stringVerify());
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return SchedulesData;
        })();

        v1.Schedule = (function() {

            /**
             * Properties of a Schedule.
             * @typedef {Object} onecard.v1.Schedule.$Properties
             * @property {string|null} [scheduleId] Schedule scheduleId
             * @property {Array.<onecard.v1.SchedulePeriod.$Properties>|null} [periods] Schedule periods
             * @property {Array.<onecard.v1.SchedulePeriod.$Properties>|null} [holidayPeriods] Schedule holidayPeriods
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Schedule.
             * @memberof onecard.v1
             * @interface ISchedule
             * @augments onecard.v1.Schedule.$Properties
             * @deprecated Use onecard.v1.Schedule.$Properties instead.
             */

            /**
             * Shape of a Schedule.
             * @typedef {onecard.v1.Schedule.$Properties} onecard.v1.Schedule.$Shape
             */

            /**
             * Constructs a new Schedule.
             * @memberof onecard.v1
             * @classdesc Represents a Schedule.
             * @constructor
             * @param {onecard.v1.Schedule.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Schedule = function (properties) {
                this.periods = [];
                this.holidayPeriods = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Schedule scheduleId.
             * @member {string} scheduleId
             * @memberof onecard.v1.Schedule
             * @instance
             */
            Schedule.prototype.scheduleId = "";

            /**
             * Schedule periods.
             * @member {Array.<onecard.v1.SchedulePeriod.$Properties>} periods
             * @memberof onecard.v1.Schedule
             * @instance
             */
            Schedule.prototype.periods = $util.emptyArray;

            /**
             * Schedule holidayPeriods.
             * @member {Array.<onecard.v1.SchedulePeriod.$Properties>} holidayPeriods
             * @memberof onecard.v1.Schedule
             * @instance
             */
            Schedule.prototype.holidayPeriods = $util.emptyArray;

            /**
             * Creates a new Schedule instance using the specified properties.
             * @function create
             * @memberof onecard.v1.Schedule
             * @static
             * @param {onecard.v1.Schedule.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.Schedule} Schedule instance
             * @type {{
             *   (properties: onecard.v1.Schedule.$Shape): onecard.v1.Schedule & onecard.v1.Schedule.$Shape;
             *   (properties?: onecard.v1.Schedule.$Properties): onecard.v1.Schedule;
             * }}
             */
            Schedule.create = function(properties) {
                return new Schedule(properties);
            };

            /**
             * Encodes the specified Schedule message. Does not implicitly {@link onecard.v1.Schedule.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.Schedule
             * @static
             * @param {onecard.v1.Schedule.$Properties} message Schedule message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Schedule.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.scheduleId != null && $Object.hasOwnProperty.call(message, "scheduleId") && message.scheduleId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.scheduleId);
                if (message.periods != null && message.periods.length)
                    for (let i = 0; i < message.periods.length; ++i)
                        $root.onecard.v1.SchedulePeriod.encode(message.periods[i], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.holidayPeriods != null && message.holidayPeriods.length)
                    for (let i = 0; i < message.holidayPeriods.length; ++i)
                        $root.onecard.v1.SchedulePeriod.encode(message.holidayPeriods[i], writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Schedule message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.Schedule
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.Schedule & onecard.v1.Schedule.$Shape} Schedule
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Schedule.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.Schedule();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.scheduleId = value;
                            else
                                delete message.scheduleId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if (!(message.periods && message.periods.length))
                                message.periods = [];
                            message.periods.push($root.onecard.v1.SchedulePeriod.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if (!(message.holidayPeriods && message.holidayPeriods.length))
                                message.holidayPeriods = [];
                            message.holidayPeriods.push($root.onecard.v1.SchedulePeriod.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Schedule;
        })();

        v1.SchedulePeriod = (function() {

            /**
             * Properties of a SchedulePeriod.
             * @typedef {Object} onecard.v1.SchedulePeriod.$Properties
             * @property {number|null} [daysMask] SchedulePeriod daysMask
             * @property {number|null} [startMinute] SchedulePeriod startMinute
             * @property {number|null} [endMinute] SchedulePeriod endMinute
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SchedulePeriod.
             * @memberof onecard.v1
             * @interface ISchedulePeriod
             * @augments onecard.v1.SchedulePeriod.$Properties
             * @deprecated Use onecard.v1.SchedulePeriod.$Properties instead.
             */

            /**
             * Shape of a SchedulePeriod.
             * @typedef {onecard.v1.SchedulePeriod.$Properties} onecard.v1.SchedulePeriod.$Shape
             */

            /**
             * Constructs a new SchedulePeriod.
             * @memberof onecard.v1
             * @classdesc Represents a SchedulePeriod.
             * @constructor
             * @param {onecard.v1.SchedulePeriod.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SchedulePeriod = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * SchedulePeriod daysMask.
             * @member {number} daysMask
             * @memberof onecard.v1.SchedulePeriod
             * @instance
             */
            SchedulePeriod.prototype.daysMask = 0;

            /**
             * SchedulePeriod startMinute.
             * @member {number} startMinute
             * @memberof onecard.v1.SchedulePeriod
             * @instance
             */
            SchedulePeriod.prototype.startMinute = 0;

            /**
             * SchedulePeriod endMinute.
             * @member {number} endMinute
             * @memberof onecard.v1.SchedulePeriod
             * @instance
             */
            SchedulePeriod.prototype.endMinute = 0;

            /**
             * Creates a new SchedulePeriod instance using the specified properties.
             * @function create
             * @memberof onecard.v1.SchedulePeriod
             * @static
             * @param {onecard.v1.SchedulePeriod.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.SchedulePeriod} SchedulePeriod instance
             * @type {{
             *   (properties: onecard.v1.SchedulePeriod.$Shape): onecard.v1.SchedulePeriod & onecard.v1.SchedulePeriod.$Shape;
             *   (properties?: onecard.v1.SchedulePeriod.$Properties): onecard.v1.SchedulePeriod;
             * }}
             */
            SchedulePeriod.create = function(properties) {
                return new SchedulePeriod(properties);
            };

            /**
             * Encodes the specified SchedulePeriod message. Does not implicitly {@link onecard.v1.SchedulePeriod.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.SchedulePeriod
             * @static
             * @param {onecard.v1.SchedulePeriod.$Properties} message SchedulePeriod message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SchedulePeriod.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.daysMask != null && $Object.hasOwnProperty.call(message, "daysMask") && message.daysMask !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.daysMask);
                if (message.startMinute != null && $Object.hasOwnProperty.call(message, "startMinute") && message.startMinute !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.startMinute);
                if (message.endMinute != null && $Object.hasOwnProperty.call(message, "endMinute") && message.endMinute !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.endMinute);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a SchedulePeriod message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.SchedulePeriod
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.SchedulePeriod & onecard.v1.SchedulePeriod.$Shape} SchedulePeriod
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SchedulePeriod.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.SchedulePeriod();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.daysMask = value;
                            else
                                delete message.daysMask;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.startMinute = value;
                            else
                                delete message.startMinute;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.endMinute = value;
                            else
                                delete message.endMinute;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return SchedulePeriod;
        })();

        v1.CardsData = (function() {

            /**
             * Properties of a CardsData.
             * @typedef {Object} onecard.v1.CardsData.$Properties
             * @property {Array.<onecard.v1.CardEntry.$Properties>|null} [upsert] CardsData upsert
             * @property {Array.<string>|null} [removeCardUids] CardsData removeCardUids
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a CardsData.
             * @memberof onecard.v1
             * @interface ICardsData
             * @augments onecard.v1.CardsData.$Properties
             * @deprecated Use onecard.v1.CardsData.$Properties instead.
             */

            /**
             * Shape of a CardsData.
             * @typedef {onecard.v1.CardsData.$Properties} onecard.v1.CardsData.$Shape
             */

            /**
             * Constructs a new CardsData.
             * @memberof onecard.v1
             * @classdesc Represents a CardsData.
             * @constructor
             * @param {onecard.v1.CardsData.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const CardsData = function (properties) {
                this.upsert = [];
                this.removeCardUids = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * CardsData upsert.
             * @member {Array.<onecard.v1.CardEntry.$Properties>} upsert
             * @memberof onecard.v1.CardsData
             * @instance
             */
            CardsData.prototype.upsert = $util.emptyArray;

            /**
             * CardsData removeCardUids.
             * @member {Array.<string>} removeCardUids
             * @memberof onecard.v1.CardsData
             * @instance
             */
            CardsData.prototype.removeCardUids = $util.emptyArray;

            /**
             * Creates a new CardsData instance using the specified properties.
             * @function create
             * @memberof onecard.v1.CardsData
             * @static
             * @param {onecard.v1.CardsData.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.CardsData} CardsData instance
             * @type {{
             *   (properties: onecard.v1.CardsData.$Shape): onecard.v1.CardsData & onecard.v1.CardsData.$Shape;
             *   (properties?: onecard.v1.CardsData.$Properties): onecard.v1.CardsData;
             * }}
             */
            CardsData.create = function(properties) {
                return new CardsData(properties);
            };

            /**
             * Encodes the specified CardsData message. Does not implicitly {@link onecard.v1.CardsData.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.CardsData
             * @static
             * @param {onecard.v1.CardsData.$Properties} message CardsData message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            CardsData.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.upsert != null && message.upsert.length)
                    for (let i = 0; i < message.upsert.length; ++i)
                        $root.onecard.v1.CardEntry.encode(message.upsert[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.removeCardUids != null && message.removeCardUids.length)
                    for (let i = 0; i < message.removeCardUids.length; ++i)
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.removeCardUids[i]);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a CardsData message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.CardsData
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.CardsData & onecard.v1.CardsData.$Shape} CardsData
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            CardsData.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.CardsData();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.upsert && message.upsert.length))
                                message.upsert = [];
                            message.upsert.push($root.onecard.v1.CardEntry.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if (!(message.removeCardUids && message.removeCardUids.length))
                                message.removeCardUids = [];
                            message.removeCardUids.push(reader.stringVerify());
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return CardsData;
        })();

        v1.CardEntry = (function() {

            /**
             * Properties of a CardEntry.
             * @typedef {Object} onecard.v1.CardEntry.$Properties
             * @property {string|null} [cardUid] CardEntry cardUid
             * @property {string|null} [personId] CardEntry personId
             * @property {string|null} [personType] CardEntry personType
             * @property {number|null} [validFromUnixMs] CardEntry validFromUnixMs
             * @property {number|null} [validUntilUnixMs] CardEntry validUntilUnixMs
             * @property {Array.<string>|null} [groups] CardEntry groups
             * @property {string|null} [accountId] CardEntry accountId
             * @property {number|null} [dailyLimitFen] CardEntry dailyLimitFen
             * @property {number|null} [offlineDailyLimitFen] CardEntry offlineDailyLimitFen
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a CardEntry.
             * @memberof onecard.v1
             * @interface ICardEntry
             * @augments onecard.v1.CardEntry.$Properties
             * @deprecated Use onecard.v1.CardEntry.$Properties instead.
             */

            /**
             * Shape of a CardEntry.
             * @typedef {onecard.v1.CardEntry.$Properties} onecard.v1.CardEntry.$Shape
             */

            /**
             * Constructs a new CardEntry.
             * @memberof onecard.v1
             * @classdesc Represents a CardEntry.
             * @constructor
             * @param {onecard.v1.CardEntry.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const CardEntry = function (properties) {
                this.groups = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * CardEntry cardUid.
             * @member {string} cardUid
             * @memberof onecard.v1.CardEntry
             * @instance
             */
            CardEntry.prototype.cardUid = "";

            /**
             * CardEntry personId.
             * @member {string} personId
             * @memberof onecard.v1.CardEntry
             * @instance
             */
            CardEntry.prototype.personId = "";

            /**
             * CardEntry personType.
             * @member {string} personType
             * @memberof onecard.v1.CardEntry
             * @instance
             */
            CardEntry.prototype.personType = "";

            /**
             * CardEntry validFromUnixMs.
             * @member {number} validFromUnixMs
             * @memberof onecard.v1.CardEntry
             * @instance
             */
            CardEntry.prototype.validFromUnixMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * CardEntry validUntilUnixMs.
             * @member {number} validUntilUnixMs
             * @memberof onecard.v1.CardEntry
             * @instance
             */
            CardEntry.prototype.validUntilUnixMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * CardEntry groups.
             * @member {Array.<string>} groups
             * @memberof onecard.v1.CardEntry
             * @instance
             */
            CardEntry.prototype.groups = $util.emptyArray;

            /**
             * CardEntry accountId.
             * @member {string} accountId
             * @memberof onecard.v1.CardEntry
             * @instance
             */
            CardEntry.prototype.accountId = "";

            /**
             * CardEntry dailyLimitFen.
             * @member {number} dailyLimitFen
             * @memberof onecard.v1.CardEntry
             * @instance
             */
            CardEntry.prototype.dailyLimitFen = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * CardEntry offlineDailyLimitFen.
             * @member {number} offlineDailyLimitFen
             * @memberof onecard.v1.CardEntry
             * @instance
             */
            CardEntry.prototype.offlineDailyLimitFen = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new CardEntry instance using the specified properties.
             * @function create
             * @memberof onecard.v1.CardEntry
             * @static
             * @param {onecard.v1.CardEntry.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.CardEntry} CardEntry instance
             * @type {{
             *   (properties: onecard.v1.CardEntry.$Shape): onecard.v1.CardEntry & onecard.v1.CardEntry.$Shape;
             *   (properties?: onecard.v1.CardEntry.$Properties): onecard.v1.CardEntry;
             * }}
             */
            CardEntry.create = function(properties) {
                return new CardEntry(properties);
            };

            /**
             * Encodes the specified CardEntry message. Does not implicitly {@link onecard.v1.CardEntry.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.CardEntry
             * @static
             * @param {onecard.v1.CardEntry.$Properties} message CardEntry message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            CardEntry.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.cardUid != null && $Object.hasOwnProperty.call(message, "cardUid") && message.cardUid !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.cardUid);
                if (message.personId != null && $Object.hasOwnProperty.call(message, "personId") && message.personId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.personId);
                if (message.personType != null && $Object.hasOwnProperty.call(message, "personType") && message.personType !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.personType);
                if (message.validFromUnixMs != null && $Object.hasOwnProperty.call(message, "validFromUnixMs") && (typeof message.validFromUnixMs === "object" ? message.validFromUnixMs.low || message.validFromUnixMs.high : message.validFromUnixMs !== 0))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.validFromUnixMs);
                if (message.validUntilUnixMs != null && $Object.hasOwnProperty.call(message, "validUntilUnixMs") && (typeof message.validUntilUnixMs === "object" ? message.validUntilUnixMs.low || message.validUntilUnixMs.high : message.validUntilUnixMs !== 0))
                    writer.uint32(/* id 5, wireType 0 =*/40).uint64(message.validUntilUnixMs);
                if (message.groups != null && message.groups.length)
                    for (let i = 0; i < message.groups.length; ++i)
                        writer.uint32(/* id 6, wireType 2 =*/50).string(message.groups[i]);
                if (message.accountId != null && $Object.hasOwnProperty.call(message, "accountId") && message.accountId !== "")
                    writer.uint32(/* id 7, wireType 2 =*/58).string(message.accountId);
                if (message.dailyLimitFen != null && $Object.hasOwnProperty.call(message, "dailyLimitFen") && (typeof message.dailyLimitFen === "object" ? message.dailyLimitFen.low || message.dailyLimitFen.high : message.dailyLimitFen !== 0))
                    writer.uint32(/* id 8, wireType 0 =*/64).uint64(message.dailyLimitFen);
                if (message.offlineDailyLimitFen != null && $Object.hasOwnProperty.call(message, "offlineDailyLimitFen") && (typeof message.offlineDailyLimitFen === "object" ? message.offlineDailyLimitFen.low || message.offlineDailyLimitFen.high : message.offlineDailyLimitFen !== 0))
                    writer.uint32(/* id 9, wireType 0 =*/72).uint64(message.offlineDailyLimitFen);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a CardEntry message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.CardEntry
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.CardEntry & onecard.v1.CardEntry.$Shape} CardEntry
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            CardEntry.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.CardEntry();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.cardUid = value;
                            else
                                delete message.cardUid;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.personId = value;
                            else
                                delete message.personId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.personType = value;
                            else
                                delete message.personType;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.validFromUnixMs = value;
                            else
                                delete message.validFromUnixMs;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.validUntilUnixMs = value;
                            else
                                delete message.validUntilUnixMs;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if (!(message.groups && message.groups.length))
                                message.groups = [];
                            message.groups.push(reader.stringVerify());
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.accountId = value;
                            else
                                delete message.accountId;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.dailyLimitFen = value;
                            else
                                delete message.dailyLimitFen;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.offlineDailyLimitFen = value;
                            else
                                delete message.offlineDailyLimitFen;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return CardEntry;
        })();

        v1.DatasetAck = (function() {

            /**
             * Properties of a DatasetAck.
             * @typedef {Object} onecard.v1.DatasetAck.$Properties
             * @property {onecard.v1.DatasetName|null} [name] DatasetAck name
             * @property {number|null} [version] DatasetAck version
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DatasetAck.
             * @memberof onecard.v1
             * @interface IDatasetAck
             * @augments onecard.v1.DatasetAck.$Properties
             * @deprecated Use onecard.v1.DatasetAck.$Properties instead.
             */

            /**
             * Shape of a DatasetAck.
             * @typedef {onecard.v1.DatasetAck.$Properties} onecard.v1.DatasetAck.$Shape
             */

            /**
             * Constructs a new DatasetAck.
             * @memberof onecard.v1
             * @classdesc Represents a DatasetAck.
             * @constructor
             * @param {onecard.v1.DatasetAck.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const DatasetAck = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * DatasetAck name.
             * @member {onecard.v1.DatasetName} name
             * @memberof onecard.v1.DatasetAck
             * @instance
             */
            DatasetAck.prototype.name = 0;

            /**
             * DatasetAck version.
             * @member {number} version
             * @memberof onecard.v1.DatasetAck
             * @instance
             */
            DatasetAck.prototype.version = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new DatasetAck instance using the specified properties.
             * @function create
             * @memberof onecard.v1.DatasetAck
             * @static
             * @param {onecard.v1.DatasetAck.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.DatasetAck} DatasetAck instance
             * @type {{
             *   (properties: onecard.v1.DatasetAck.$Shape): onecard.v1.DatasetAck & onecard.v1.DatasetAck.$Shape;
             *   (properties?: onecard.v1.DatasetAck.$Properties): onecard.v1.DatasetAck;
             * }}
             */
            DatasetAck.create = function(properties) {
                return new DatasetAck(properties);
            };

            /**
             * Encodes the specified DatasetAck message. Does not implicitly {@link onecard.v1.DatasetAck.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.DatasetAck
             * @static
             * @param {onecard.v1.DatasetAck.$Properties} message DatasetAck message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DatasetAck.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.name);
                if (message.version != null && $Object.hasOwnProperty.call(message, "version") && (typeof message.version === "object" ? message.version.low || message.version.high : message.version !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.version);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a DatasetAck message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.DatasetAck
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.DatasetAck & onecard.v1.DatasetAck.$Shape} DatasetAck
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DatasetAck.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.DatasetAck();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.name = value;
                            else
                                delete message.name;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.version = value;
                            else
                                delete message.version;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return DatasetAck;
        })();

        v1.Command = (function() {

            /**
             * Properties of a Command.
             * @typedef {Object} onecard.v1.Command.$Properties
             * @property {string|null} [commandId] Command commandId
             * @property {onecard.v1.OpenDoor.$Properties|null} [openDoor] Command openDoor
             * @property {onecard.v1.SetOfflineAuthorisation.$Properties|null} [setOfflineAuthorisation] Command setOfflineAuthorisation
             * @property {onecard.v1.SetRoomPower.$Properties|null} [setRoomPower] Command setRoomPower
             * @property {onecard.v1.RunSelfTest.$Properties|null} [runSelfTest] Command runSelfTest
             * @property {"openDoor"|"setOfflineAuthorisation"|"setRoomPower"|"runSelfTest"} [action] Command action
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Command.
             * @memberof onecard.v1
             * @interface ICommand
             * @augments onecard.v1.Command.$Properties
             * @deprecated Use onecard.v1.Command.$Properties instead.
             */

            /**
             * Narrowed shape of a Command.
             * @typedef {{
             *   commandId?: string|null;
             *   openDoor?: onecard.v1.OpenDoor.$Shape|null;
             *   setOfflineAuthorisation?: onecard.v1.SetOfflineAuthorisation.$Shape|null;
             *   setRoomPower?: onecard.v1.SetRoomPower.$Shape|null;
             *   runSelfTest?: onecard.v1.RunSelfTest.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ action?: undefined; openDoor?: null; setOfflineAuthorisation?: null; setRoomPower?: null; runSelfTest?: null }|{ action?: "openDoor"; openDoor: onecard.v1.OpenDoor.$Shape; setOfflineAuthorisation?: null; setRoomPower?: null; runSelfTest?: null }|{ action?: "setOfflineAuthorisation"; openDoor?: null; setOfflineAuthorisation: onecard.v1.SetOfflineAuthorisation.$Shape; setRoomPower?: null; runSelfTest?: null }|{ action?: "setRoomPower"; openDoor?: null; setOfflineAuthorisation?: null; setRoomPower: onecard.v1.SetRoomPower.$Shape; runSelfTest?: null }|{ action?: "runSelfTest"; openDoor?: null; setOfflineAuthorisation?: null; setRoomPower?: null; runSelfTest: onecard.v1.RunSelfTest.$Shape })
             * )} onecard.v1.Command.$Shape
             */

            /**
             * Constructs a new Command.
             * @memberof onecard.v1
             * @classdesc Represents a Command.
             * @constructor
             * @param {onecard.v1.Command.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Command = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Command commandId.
             * @member {string} commandId
             * @memberof onecard.v1.Command
             * @instance
             */
            Command.prototype.commandId = "";

            /**
             * Command openDoor.
             * @member {onecard.v1.OpenDoor.$Properties|null|undefined} openDoor
             * @memberof onecard.v1.Command
             * @instance
             */
            Command.prototype.openDoor = null;

            /**
             * Command setOfflineAuthorisation.
             * @member {onecard.v1.SetOfflineAuthorisation.$Properties|null|undefined} setOfflineAuthorisation
             * @memberof onecard.v1.Command
             * @instance
             */
            Command.prototype.setOfflineAuthorisation = null;

            /**
             * Command setRoomPower.
             * @member {onecard.v1.SetRoomPower.$Properties|null|undefined} setRoomPower
             * @memberof onecard.v1.Command
             * @instance
             */
            Command.prototype.setRoomPower = null;

            /**
             * Command runSelfTest.
             * @member {onecard.v1.RunSelfTest.$Properties|null|undefined} runSelfTest
             * @memberof onecard.v1.Command
             * @instance
             */
            Command.prototype.runSelfTest = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * Command action.
             * @member {"openDoor"|"setOfflineAuthorisation"|"setRoomPower"|"runSelfTest"|undefined} action
             * @memberof onecard.v1.Command
             * @instance
             */
            $Object.defineProperty(Command.prototype, "action", {
                get: $util.oneOfGetter($oneOfFields = ["openDoor", "setOfflineAuthorisation", "setRoomPower", "runSelfTest"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Command instance using the specified properties.
             * @function create
             * @memberof onecard.v1.Command
             * @static
             * @param {onecard.v1.Command.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.Command} Command instance
             * @type {{
             *   (properties: onecard.v1.Command.$Shape): onecard.v1.Command & onecard.v1.Command.$Shape;
             *   (properties?: onecard.v1.Command.$Properties): onecard.v1.Command;
             * }}
             */
            Command.create = function(properties) {
                return new Command(properties);
            };

            /**
             * Encodes the specified Command message. Does not implicitly {@link onecard.v1.Command.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.Command
             * @static
             * @param {onecard.v1.Command.$Properties} message Command message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Command.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.commandId != null && $Object.hasOwnProperty.call(message, "commandId") && message.commandId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.commandId);
                if (message.openDoor != null && $Object.hasOwnProperty.call(message, "openDoor"))
                    $root.onecard.v1.OpenDoor.encode(message.openDoor, writer.uint32(/* id 10, wireType 2 =*/82).fork(), _depth + 1).ldelim();
                if (message.setOfflineAuthorisation != null && $Object.hasOwnProperty.call(message, "setOfflineAuthorisation"))
                    $root.onecard.v1.SetOfflineAuthorisation.encode(message.setOfflineAuthorisation, writer.uint32(/* id 11, wireType 2 =*/90).fork(), _depth + 1).ldelim();
                if (message.setRoomPower != null && $Object.hasOwnProperty.call(message, "setRoomPower"))
                    $root.onecard.v1.SetRoomPower.encode(message.setRoomPower, writer.uint32(/* id 12, wireType 2 =*/98).fork(), _depth + 1).ldelim();
                if (message.runSelfTest != null && $Object.hasOwnProperty.call(message, "runSelfTest"))
                    $root.onecard.v1.RunSelfTest.encode(message.runSelfTest, writer.uint32(/* id 13, wireType 2 =*/106).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Command message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.Command
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.Command & onecard.v1.Command.$Shape} Command
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Command.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.Command();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.commandId = value;
                            else
                                delete message.commandId;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            message.openDoor = $root.onecard.v1.OpenDoor.decode(reader, reader.size(), $undefined, _depth + 1, message.openDoor);
                            message.action = "openDoor";
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            message.setOfflineAuthorisation = $root.onecard.v1.SetOfflineAuthorisation.decode(reader, reader.size(), $undefined, _depth + 1, message.setOfflineAuthorisation);
                            message.action = "setOfflineAuthorisation";
                            continue;
                        }
                    case 12: {
                            if (wireType !== 2)
                                break;
                            message.setRoomPower = $root.onecard.v1.SetRoomPower.decode(reader, reader.size(), $undefined, _depth + 1, message.setRoomPower);
                            message.action = "setRoomPower";
                            continue;
                        }
                    case 13: {
                            if (wireType !== 2)
                                break;
                            message.runSelfTest = $root.onecard.v1.RunSelfTest.decode(reader, reader.size(), $undefined, _depth + 1, message.runSelfTest);
                            message.action = "runSelfTest";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Command;
        })();

        v1.OpenDoor = (function() {

            /**
             * Properties of an OpenDoor.
             * @typedef {Object} onecard.v1.OpenDoor.$Properties
             * @property {string|null} [pointId] OpenDoor pointId
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an OpenDoor.
             * @memberof onecard.v1
             * @interface IOpenDoor
             * @augments onecard.v1.OpenDoor.$Properties
             * @deprecated Use onecard.v1.OpenDoor.$Properties instead.
             */

            /**
             * Shape of an OpenDoor.
             * @typedef {onecard.v1.OpenDoor.$Properties} onecard.v1.OpenDoor.$Shape
             */

            /**
             * Constructs a new OpenDoor.
             * @memberof onecard.v1
             * @classdesc Represents an OpenDoor.
             * @constructor
             * @param {onecard.v1.OpenDoor.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const OpenDoor = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * OpenDoor pointId.
             * @member {string} pointId
             * @memberof onecard.v1.OpenDoor
             * @instance
             */
            OpenDoor.prototype.pointId = "";

            /**
             * Creates a new OpenDoor instance using the specified properties.
             * @function create
             * @memberof onecard.v1.OpenDoor
             * @static
             * @param {onecard.v1.OpenDoor.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.OpenDoor} OpenDoor instance
             * @type {{
             *   (properties: onecard.v1.OpenDoor.$Shape): onecard.v1.OpenDoor & onecard.v1.OpenDoor.$Shape;
             *   (properties?: onecard.v1.OpenDoor.$Properties): onecard.v1.OpenDoor;
             * }}
             */
            OpenDoor.create = function(properties) {
                return new OpenDoor(properties);
            };

            /**
             * Encodes the specified OpenDoor message. Does not implicitly {@link onecard.v1.OpenDoor.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.OpenDoor
             * @static
             * @param {onecard.v1.OpenDoor.$Properties} message OpenDoor message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            OpenDoor.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.pointId != null && $Object.hasOwnProperty.call(message, "pointId") && message.pointId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.pointId);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an OpenDoor message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.OpenDoor
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.OpenDoor & onecard.v1.OpenDoor.$Shape} OpenDoor
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            OpenDoor.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.OpenDoor();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.pointId = value;
                            else
                                delete message.pointId;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return OpenDoor;
        })();

        v1.SetOfflineAuthorisation = (function() {

            /**
             * Properties of a SetOfflineAuthorisation.
             * @typedef {Object} onecard.v1.SetOfflineAuthorisation.$Properties
             * @property {number|null} [untilUnixMs] SetOfflineAuthorisation untilUnixMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SetOfflineAuthorisation.
             * @memberof onecard.v1
             * @interface ISetOfflineAuthorisation
             * @augments onecard.v1.SetOfflineAuthorisation.$Properties
             * @deprecated Use onecard.v1.SetOfflineAuthorisation.$Properties instead.
             */

            /**
             * Shape of a SetOfflineAuthorisation.
             * @typedef {onecard.v1.SetOfflineAuthorisation.$Properties} onecard.v1.SetOfflineAuthorisation.$Shape
             */

            /**
             * Constructs a new SetOfflineAuthorisation.
             * @memberof onecard.v1
             * @classdesc Represents a SetOfflineAuthorisation.
             * @constructor
             * @param {onecard.v1.SetOfflineAuthorisation.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SetOfflineAuthorisation = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * SetOfflineAuthorisation untilUnixMs.
             * @member {number} untilUnixMs
             * @memberof onecard.v1.SetOfflineAuthorisation
             * @instance
             */
            SetOfflineAuthorisation.prototype.untilUnixMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new SetOfflineAuthorisation instance using the specified properties.
             * @function create
             * @memberof onecard.v1.SetOfflineAuthorisation
             * @static
             * @param {onecard.v1.SetOfflineAuthorisation.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.SetOfflineAuthorisation} SetOfflineAuthorisation instance
             * @type {{
             *   (properties: onecard.v1.SetOfflineAuthorisation.$Shape): onecard.v1.SetOfflineAuthorisation & onecard.v1.SetOfflineAuthorisation.$Shape;
             *   (properties?: onecard.v1.SetOfflineAuthorisation.$Properties): onecard.v1.SetOfflineAuthorisation;
             * }}
             */
            SetOfflineAuthorisation.create = function(properties) {
                return new SetOfflineAuthorisation(properties);
            };

            /**
             * Encodes the specified SetOfflineAuthorisation message. Does not implicitly {@link onecard.v1.SetOfflineAuthorisation.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.SetOfflineAuthorisation
             * @static
             * @param {onecard.v1.SetOfflineAuthorisation.$Properties} message SetOfflineAuthorisation message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SetOfflineAuthorisation.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.untilUnixMs != null && $Object.hasOwnProperty.call(message, "untilUnixMs") && (typeof message.untilUnixMs === "object" ? message.untilUnixMs.low || message.untilUnixMs.high : message.untilUnixMs !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.untilUnixMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a SetOfflineAuthorisation message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.SetOfflineAuthorisation
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.SetOfflineAuthorisation & onecard.v1.SetOfflineAuthorisation.$Shape} SetOfflineAuthorisation
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SetOfflineAuthorisation.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.SetOfflineAuthorisation();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.untilUnixMs = value;
                            else
                                delete message.untilUnixMs;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return SetOfflineAuthorisation;
        })();

        v1.SetRoomPower = (function() {

            /**
             * Properties of a SetRoomPower.
             * @typedef {Object} onecard.v1.SetRoomPower.$Properties
             * @property {string|null} [pointId] SetRoomPower pointId
             * @property {boolean|null} [on] SetRoomPower on
             * @property {number|null} [overrideUntilUnixMs] SetRoomPower overrideUntilUnixMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SetRoomPower.
             * @memberof onecard.v1
             * @interface ISetRoomPower
             * @augments onecard.v1.SetRoomPower.$Properties
             * @deprecated Use onecard.v1.SetRoomPower.$Properties instead.
             */

            /**
             * Shape of a SetRoomPower.
             * @typedef {onecard.v1.SetRoomPower.$Properties} onecard.v1.SetRoomPower.$Shape
             */

            /**
             * Constructs a new SetRoomPower.
             * @memberof onecard.v1
             * @classdesc Represents a SetRoomPower.
             * @constructor
             * @param {onecard.v1.SetRoomPower.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SetRoomPower = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * SetRoomPower pointId.
             * @member {string} pointId
             * @memberof onecard.v1.SetRoomPower
             * @instance
             */
            SetRoomPower.prototype.pointId = "";

            /**
             * SetRoomPower on.
             * @member {boolean} on
             * @memberof onecard.v1.SetRoomPower
             * @instance
             */
            SetRoomPower.prototype.on = false;

            /**
             * SetRoomPower overrideUntilUnixMs.
             * @member {number} overrideUntilUnixMs
             * @memberof onecard.v1.SetRoomPower
             * @instance
             */
            SetRoomPower.prototype.overrideUntilUnixMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new SetRoomPower instance using the specified properties.
             * @function create
             * @memberof onecard.v1.SetRoomPower
             * @static
             * @param {onecard.v1.SetRoomPower.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.SetRoomPower} SetRoomPower instance
             * @type {{
             *   (properties: onecard.v1.SetRoomPower.$Shape): onecard.v1.SetRoomPower & onecard.v1.SetRoomPower.$Shape;
             *   (properties?: onecard.v1.SetRoomPower.$Properties): onecard.v1.SetRoomPower;
             * }}
             */
            SetRoomPower.create = function(properties) {
                return new SetRoomPower(properties);
            };

            /**
             * Encodes the specified SetRoomPower message. Does not implicitly {@link onecard.v1.SetRoomPower.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.SetRoomPower
             * @static
             * @param {onecard.v1.SetRoomPower.$Properties} message SetRoomPower message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SetRoomPower.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.pointId != null && $Object.hasOwnProperty.call(message, "pointId") && message.pointId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.pointId);
                if (message.on != null && $Object.hasOwnProperty.call(message, "on") && message.on !== false)
                    writer.uint32(/* id 2, wireType 0 =*/16).bool(message.on);
                if (message.overrideUntilUnixMs != null && $Object.hasOwnProperty.call(message, "overrideUntilUnixMs") && (typeof message.overrideUntilUnixMs === "object" ? message.overrideUntilUnixMs.low || message.overrideUntilUnixMs.high : message.overrideUntilUnixMs !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.overrideUntilUnixMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a SetRoomPower message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.SetRoomPower
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.SetRoomPower & onecard.v1.SetRoomPower.$Shape} SetRoomPower
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SetRoomPower.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.SetRoomPower();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.pointId = value;
                            else
                                delete message.pointId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.on = value;
                            else
                                delete message.on;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.overrideUntilUnixMs = value;
                            else
                                delete message.overrideUntilUnixMs;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return SetRoomPower;
        })();

        v1.RunSelfTest = (function() {

            /**
             * Properties of a RunSelfTest.
             * @typedef {Object} onecard.v1.RunSelfTest.$Properties
             * @property {Array.<string>|null} [only] RunSelfTest only
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a RunSelfTest.
             * @memberof onecard.v1
             * @interface IRunSelfTest
             * @augments onecard.v1.RunSelfTest.$Properties
             * @deprecated Use onecard.v1.RunSelfTest.$Properties instead.
             */

            /**
             * Shape of a RunSelfTest.
             * @typedef {onecard.v1.RunSelfTest.$Properties} onecard.v1.RunSelfTest.$Shape
             */

            /**
             * Constructs a new RunSelfTest.
             * @memberof onecard.v1
             * @classdesc Represents a RunSelfTest.
             * @constructor
             * @param {onecard.v1.RunSelfTest.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const RunSelfTest = function (properties) {
                this.only = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * RunSelfTest only.
             * @member {Array.<string>} only
             * @memberof onecard.v1.RunSelfTest
             * @instance
             */
            RunSelfTest.prototype.only = $util.emptyArray;

            /**
             * Creates a new RunSelfTest instance using the specified properties.
             * @function create
             * @memberof onecard.v1.RunSelfTest
             * @static
             * @param {onecard.v1.RunSelfTest.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.RunSelfTest} RunSelfTest instance
             * @type {{
             *   (properties: onecard.v1.RunSelfTest.$Shape): onecard.v1.RunSelfTest & onecard.v1.RunSelfTest.$Shape;
             *   (properties?: onecard.v1.RunSelfTest.$Properties): onecard.v1.RunSelfTest;
             * }}
             */
            RunSelfTest.create = function(properties) {
                return new RunSelfTest(properties);
            };

            /**
             * Encodes the specified RunSelfTest message. Does not implicitly {@link onecard.v1.RunSelfTest.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.RunSelfTest
             * @static
             * @param {onecard.v1.RunSelfTest.$Properties} message RunSelfTest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            RunSelfTest.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.only != null && message.only.length)
                    for (let i = 0; i < message.only.length; ++i)
                        writer.uint32(/* id 1, wireType 2 =*/10).string(message.only[i]);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a RunSelfTest message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.RunSelfTest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.RunSelfTest & onecard.v1.RunSelfTest.$Shape} RunSelfTest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            RunSelfTest.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.RunSelfTest();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.only && message.only.length))
                                message.only = [];
                            message.only.push(reader.stringVerify());
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return RunSelfTest;
        })();

        /**
         * CommandStatus enum.
         * @name onecard.v1.CommandStatus
         * @enum {number}
         * @property {number} COMMAND_STATUS_UNSPECIFIED=0 COMMAND_STATUS_UNSPECIFIED value
         * @property {number} COMMAND_STATUS_DONE=1 COMMAND_STATUS_DONE value
         * @property {number} COMMAND_STATUS_FAILED=2 COMMAND_STATUS_FAILED value
         * @property {number} COMMAND_STATUS_UNSUPPORTED=3 COMMAND_STATUS_UNSUPPORTED value
         */
        v1.CommandStatus = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "COMMAND_STATUS_UNSPECIFIED"] = 0;
            values[valuesById[1] = "COMMAND_STATUS_DONE"] = 1;
            values[valuesById[2] = "COMMAND_STATUS_FAILED"] = 2;
            values[valuesById[3] = "COMMAND_STATUS_UNSUPPORTED"] = 3;
            return values;
        })();

        v1.CommandResult = (function() {

            /**
             * Properties of a CommandResult.
             * @typedef {Object} onecard.v1.CommandResult.$Properties
             * @property {string|null} [commandId] CommandResult commandId
             * @property {onecard.v1.CommandStatus|null} [status] CommandResult status
             * @property {string|null} [detail] CommandResult detail
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a CommandResult.
             * @memberof onecard.v1
             * @interface ICommandResult
             * @augments onecard.v1.CommandResult.$Properties
             * @deprecated Use onecard.v1.CommandResult.$Properties instead.
             */

            /**
             * Shape of a CommandResult.
             * @typedef {onecard.v1.CommandResult.$Properties} onecard.v1.CommandResult.$Shape
             */

            /**
             * Constructs a new CommandResult.
             * @memberof onecard.v1
             * @classdesc Represents a CommandResult.
             * @constructor
             * @param {onecard.v1.CommandResult.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const CommandResult = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * CommandResult commandId.
             * @member {string} commandId
             * @memberof onecard.v1.CommandResult
             * @instance
             */
            CommandResult.prototype.commandId = "";

            /**
             * CommandResult status.
             * @member {onecard.v1.CommandStatus} status
             * @memberof onecard.v1.CommandResult
             * @instance
             */
            CommandResult.prototype.status = 0;

            /**
             * CommandResult detail.
             * @member {string} detail
             * @memberof onecard.v1.CommandResult
             * @instance
             */
            CommandResult.prototype.detail = "";

            /**
             * Creates a new CommandResult instance using the specified properties.
             * @function create
             * @memberof onecard.v1.CommandResult
             * @static
             * @param {onecard.v1.CommandResult.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.CommandResult} CommandResult instance
             * @type {{
             *   (properties: onecard.v1.CommandResult.$Shape): onecard.v1.CommandResult & onecard.v1.CommandResult.$Shape;
             *   (properties?: onecard.v1.CommandResult.$Properties): onecard.v1.CommandResult;
             * }}
             */
            CommandResult.create = function(properties) {
                return new CommandResult(properties);
            };

            /**
             * Encodes the specified CommandResult message. Does not implicitly {@link onecard.v1.CommandResult.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.CommandResult
             * @static
             * @param {onecard.v1.CommandResult.$Properties} message CommandResult message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            CommandResult.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.commandId != null && $Object.hasOwnProperty.call(message, "commandId") && message.commandId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.commandId);
                if (message.status != null && $Object.hasOwnProperty.call(message, "status") && message.status !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).int32(message.status);
                if (message.detail != null && $Object.hasOwnProperty.call(message, "detail") && message.detail !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.detail);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a CommandResult message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.CommandResult
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.CommandResult & onecard.v1.CommandResult.$Shape} CommandResult
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            CommandResult.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.CommandResult();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.commandId = value;
                            else
                                delete message.commandId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.status = value;
                            else
                                delete message.status;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.detail = value;
                            else
                                delete message.detail;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return CommandResult;
        })();

        v1.Heartbeat = (function() {

            /**
             * Properties of a Heartbeat.
             * @typedef {Object} onecard.v1.Heartbeat.$Properties
             * @property {number|null} [timeUnixMs] Heartbeat timeUnixMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Heartbeat.
             * @memberof onecard.v1
             * @interface IHeartbeat
             * @augments onecard.v1.Heartbeat.$Properties
             * @deprecated Use onecard.v1.Heartbeat.$Properties instead.
             */

            /**
             * Shape of a Heartbeat.
             * @typedef {onecard.v1.Heartbeat.$Properties} onecard.v1.Heartbeat.$Shape
             */

            /**
             * Constructs a new Heartbeat.
             * @memberof onecard.v1
             * @classdesc Represents a Heartbeat.
             * @constructor
             * @param {onecard.v1.Heartbeat.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Heartbeat = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Heartbeat timeUnixMs.
             * @member {number} timeUnixMs
             * @memberof onecard.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.timeUnixMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new Heartbeat instance using the specified properties.
             * @function create
             * @memberof onecard.v1.Heartbeat
             * @static
             * @param {onecard.v1.Heartbeat.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.Heartbeat} Heartbeat instance
             * @type {{
             *   (properties: onecard.v1.Heartbeat.$Shape): onecard.v1.Heartbeat & onecard.v1.Heartbeat.$Shape;
             *   (properties?: onecard.v1.Heartbeat.$Properties): onecard.v1.Heartbeat;
             * }}
             */
            Heartbeat.create = function(properties) {
                return new Heartbeat(properties);
            };

            /**
             * Encodes the specified Heartbeat message. Does not implicitly {@link onecard.v1.Heartbeat.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.Heartbeat
             * @static
             * @param {onecard.v1.Heartbeat.$Properties} message Heartbeat message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Heartbeat.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.timeUnixMs != null && $Object.hasOwnProperty.call(message, "timeUnixMs") && (typeof message.timeUnixMs === "object" ? message.timeUnixMs.low || message.timeUnixMs.high : message.timeUnixMs !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.timeUnixMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Heartbeat message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.Heartbeat
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.Heartbeat & onecard.v1.Heartbeat.$Shape} Heartbeat
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Heartbeat.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.Heartbeat();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.timeUnixMs = value;
                            else
                                delete message.timeUnixMs;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Heartbeat;
        })();

        /**
         * ErrorCode enum.
         * @name onecard.v1.ErrorCode
         * @enum {number}
         * @property {number} ERROR_CODE_UNSPECIFIED=0 ERROR_CODE_UNSPECIFIED value
         * @property {number} ERROR_CODE_MALFORMED_FRAME=1 ERROR_CODE_MALFORMED_FRAME value
         * @property {number} ERROR_CODE_FRAME_TOO_LARGE=2 ERROR_CODE_FRAME_TOO_LARGE value
         * @property {number} ERROR_CODE_UNEXPECTED_MESSAGE=3 ERROR_CODE_UNEXPECTED_MESSAGE value
         * @property {number} ERROR_CODE_AUTH_FAILED=4 ERROR_CODE_AUTH_FAILED value
         * @property {number} ERROR_CODE_AUTH_TIMEOUT=5 ERROR_CODE_AUTH_TIMEOUT value
         * @property {number} ERROR_CODE_INVALID_EVENT=6 ERROR_CODE_INVALID_EVENT value
         * @property {number} ERROR_CODE_HEARTBEAT_TIMEOUT=7 ERROR_CODE_HEARTBEAT_TIMEOUT value
         * @property {number} ERROR_CODE_SUPERSEDED=8 ERROR_CODE_SUPERSEDED value
         * @property {number} ERROR_CODE_UNSUPPORTED_PROTOCOL=9 ERROR_CODE_UNSUPPORTED_PROTOCOL value
         * @property {number} ERROR_CODE_INTERNAL=10 ERROR_CODE_INTERNAL value
         */
        v1.ErrorCode = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "ERROR_CODE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "ERROR_CODE_MALFORMED_FRAME"] = 1;
            values[valuesById[2] = "ERROR_CODE_FRAME_TOO_LARGE"] = 2;
            values[valuesById[3] = "ERROR_CODE_UNEXPECTED_MESSAGE"] = 3;
            values[valuesById[4] = "ERROR_CODE_AUTH_FAILED"] = 4;
            values[valuesById[5] = "ERROR_CODE_AUTH_TIMEOUT"] = 5;
            values[valuesById[6] = "ERROR_CODE_INVALID_EVENT"] = 6;
            values[valuesById[7] = "ERROR_CODE_HEARTBEAT_TIMEOUT"] = 7;
            values[valuesById[8] = "ERROR_CODE_SUPERSEDED"] = 8;
            values[valuesById[9] = "ERROR_CODE_UNSUPPORTED_PROTOCOL"] = 9;
            values[valuesById[10] = "ERROR_CODE_INTERNAL"] = 10;
            return values;
        })();

        v1.Error = (function() {

            /**
             * Properties of an Error.
             * @typedef {Object} onecard.v1.Error.$Properties
             * @property {onecard.v1.ErrorCode|null} [code] Error code
             * @property {string|null} [message] Error message
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Error.
             * @memberof onecard.v1
             * @interface IError
             * @augments onecard.v1.Error.$Properties
             * @deprecated Use onecard.v1.Error.$Properties instead.
             */

            /**
             * Shape of an Error.
             * @typedef {onecard.v1.Error.$Properties} onecard.v1.Error.$Shape
             */

            /**
             * Constructs a new Error.
             * @memberof onecard.v1
             * @classdesc Represents an Error.
             * @constructor
             * @param {onecard.v1.Error.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Error = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Error code.
             * @member {onecard.v1.ErrorCode} code
             * @memberof onecard.v1.Error
             * @instance
             */
            Error.prototype.code = 0;

            /**
             * Error message.
             * @member {string} message
             * @memberof onecard.v1.Error
             * @instance
             */
            Error.prototype.message = "";

            /**
             * Creates a new Error instance using the specified properties.
             * @function create
             * @memberof onecard.v1.Error
             * @static
             * @param {onecard.v1.Error.$Properties=} [properties] Properties to set
             * @returns {onecard.v1.Error} Error instance
             * @type {{
             *   (properties: onecard.v1.Error.$Shape): onecard.v1.Error & onecard.v1.Error.$Shape;
             *   (properties?: onecard.v1.Error.$Properties): onecard.v1.Error;
             * }}
             */
            Error.create = function(properties) {
                return new Error(properties);
            };

            /**
             * Encodes the specified Error message. Does not implicitly {@link onecard.v1.Error.verify|verify} messages.
             * @function encode
             * @memberof onecard.v1.Error
             * @static
             * @param {onecard.v1.Error.$Properties} message Error message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Error.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.code);
                if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.message);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an Error message from the specified reader or buffer.
             * @function decode
             * @memberof onecard.v1.Error
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {onecard.v1.Error & onecard.v1.Error.$Shape} Error
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Error.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.onecard.v1.Error();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.code = value;
                            else
                                delete message.code;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.message = value;
                            else
                                delete message.message;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Error;
        })();

        return v1;
    })();

    return onecard;
})();

export {
  $root as default
};
