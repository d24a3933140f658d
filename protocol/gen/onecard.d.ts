import * as $protobuf from "protobufjs";
import Long = require("long");

/** Namespace onecard. */
export namespace onecard {

    /** Namespace v1. */
    namespace v1 {

        /**
         * Properties of an Envelope.
         * @deprecated Use onecard.v1.Envelope.$Properties instead.
         */
        interface IEnvelope extends onecard.v1.Envelope.$Properties {
        }

        /** Represents an Envelope. */
        class Envelope {

            /**
             * Constructs a new Envelope.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.Envelope.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Envelope hello. */
            hello?: (onecard.v1.Hello.$Properties|null);

            /** Envelope challenge. */
            challenge?: (onecard.v1.Challenge.$Properties|null);

            /** Envelope auth. */
            auth?: (onecard.v1.Auth.$Properties|null);

            /** Envelope welcome. */
            welcome?: (onecard.v1.Welcome.$Properties|null);

            /** Envelope events. */
            events?: (onecard.v1.EventBatch.$Properties|null);

            /** Envelope ack. */
            ack?: (onecard.v1.Ack.$Properties|null);

            /** Envelope datasetUpdate. */
            datasetUpdate?: (onecard.v1.DatasetUpdate.$Properties|null);

            /** Envelope datasetAck. */
            datasetAck?: (onecard.v1.DatasetAck.$Properties|null);

            /** Envelope command. */
            command?: (onecard.v1.Command.$Properties|null);

            /** Envelope commandResult. */
            commandResult?: (onecard.v1.CommandResult.$Properties|null);

            /** Envelope heartbeat. */
            heartbeat?: (onecard.v1.Heartbeat.$Properties|null);

            /** Envelope error. */
            error?: (onecard.v1.Error.$Properties|null);

            /** Envelope body. */
            body?: ("hello"|"challenge"|"auth"|"welcome"|"events"|"ack"|"datasetUpdate"|"datasetAck"|"command"|"commandResult"|"heartbeat"|"error");

            /**
             * Creates a new Envelope instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Envelope instance
             */
            static create(properties: onecard.v1.Envelope.$Shape): onecard.v1.Envelope & onecard.v1.Envelope.$Shape;
            static create(properties?: onecard.v1.Envelope.$Properties): onecard.v1.Envelope;

            /**
             * Encodes the specified Envelope message. Does not implicitly {@link onecard.v1.Envelope.verify|verify} messages.
             * @param message Envelope message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.Envelope.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Envelope message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.Envelope & onecard.v1.Envelope.$Shape} Envelope
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.Envelope & onecard.v1.Envelope.$Shape;
        }

        namespace Envelope {

            /** Properties of an Envelope. */
            interface $Properties {

                /** Envelope hello */
                hello?: (onecard.v1.Hello.$Properties|null);

                /** Envelope challenge */
                challenge?: (onecard.v1.Challenge.$Properties|null);

                /** Envelope auth */
                auth?: (onecard.v1.Auth.$Properties|null);

                /** Envelope welcome */
                welcome?: (onecard.v1.Welcome.$Properties|null);

                /** Envelope events */
                events?: (onecard.v1.EventBatch.$Properties|null);

                /** Envelope ack */
                ack?: (onecard.v1.Ack.$Properties|null);

                /** Envelope datasetUpdate */
                datasetUpdate?: (onecard.v1.DatasetUpdate.$Properties|null);

                /** Envelope datasetAck */
                datasetAck?: (onecard.v1.DatasetAck.$Properties|null);

                /** Envelope command */
                command?: (onecard.v1.Command.$Properties|null);

                /** Envelope commandResult */
                commandResult?: (onecard.v1.CommandResult.$Properties|null);

                /** Envelope heartbeat */
                heartbeat?: (onecard.v1.Heartbeat.$Properties|null);

                /** Envelope error */
                error?: (onecard.v1.Error.$Properties|null);

                /** Envelope body */
                body?: ("hello"|"challenge"|"auth"|"welcome"|"events"|"ack"|"datasetUpdate"|"datasetAck"|"command"|"commandResult"|"heartbeat"|"error");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of an Envelope. */
            type $Shape = {
              hello?: onecard.v1.Hello.$Shape|null;
              challenge?: onecard.v1.Challenge.$Shape|null;
              auth?: onecard.v1.Auth.$Shape|null;
              welcome?: onecard.v1.Welcome.$Shape|null;
              events?: onecard.v1.EventBatch.$Shape|null;
              ack?: onecard.v1.Ack.$Shape|null;
              datasetUpdate?: onecard.v1.DatasetUpdate.$Shape|null;
              datasetAck?: onecard.v1.DatasetAck.$Shape|null;
              command?: onecard.v1.Command.$Shape|null;
              commandResult?: onecard.v1.CommandResult.$Shape|null;
              heartbeat?: onecard.v1.Heartbeat.$Shape|null;
              error?: onecard.v1.Error.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ body?: undefined; hello?: null; challenge?: null; auth?: null; welcome?: null; events?: null; ack?: null; datasetUpdate?: null; datasetAck?: null; command?: null; commandResult?: null; heartbeat?: null; error?: null }|{ body?: "hello"; hello: onecard.v1.Hello.$Shape; challenge?: null; auth?: null; welcome?: null; events?: null; ack?: null; datasetUpdate?: null; datasetAck?: null; command?: null; commandResult?: null; heartbeat?: null; error?: null }|{ body?: "challenge"; hello?: null; challenge: onecard.v1.Challenge.$Shape; auth?: null; welcome?: null; events?: null; ack?: null; datasetUpdate?: null; datasetAck?: null; command?: null; commandResult?: null; heartbeat?: null; error?: null }|{ body?: "auth"; hello?: null; challenge?: null; auth: onecard.v1.Auth.$Shape; welcome?: null; events?: null; ack?: null; datasetUpdate?: null; datasetAck?: null; command?: null; commandResult?: null; heartbeat?: null; error?: null }|{ body?: "welcome"; hello?: null; challenge?: null; auth?: null; welcome: onecard.v1.Welcome.$Shape; events?: null; ack?: null; datasetUpdate?: null; datasetAck?: null; command?: null; commandResult?: null; heartbeat?: null; error?: null }|{ body?: "events"; hello?: null; challenge?: null; auth?: null; welcome?: null; events: onecard.v1.EventBatch.$Shape; ack?: null; datasetUpdate?: null; datasetAck?: null; command?: null; commandResult?: null; heartbeat?: null; error?: null }|{ body?: "ack"; hello?: null; challenge?: null; auth?: null; welcome?: null; events?: null; ack: onecard.v1.Ack.$Shape; datasetUpdate?: null; datasetAck?: null; command?: null; commandResult?: null; heartbeat?: null; error?: null }|{ body?: "datasetUpdate"; hello?: null; challenge?: null; auth?: null; welcome?: null; events?: null; ack?: null; datasetUpdate: onecard.v1.DatasetUpdate.$Shape; datasetAck?: null; command?: null; commandResult?: null; heartbeat?: null; error?: null }|{ body?: "datasetAck"; hello?: null; challenge?: null; auth?: null; welcome?: null; events?: null; ack?: null; datasetUpdate?: null; datasetAck: onecard.v1.DatasetAck.$Shape; command?: null; commandResult?: null; heartbeat?: null; error?: null }|{ body?: "command"; hello?: null; challenge?: null; auth?: null; welcome?: null; events?: null; ack?: null; datasetUpdate?: null; datasetAck?: null; command: onecard.v1.Command.$Shape; commandResult?: null; heartbeat?: null; error?: null }|{ body?: "commandResult"; hello?: null; challenge?: null; auth?: null; welcome?: null; events?: null; ack?: null; datasetUpdate?: null; datasetAck?: null; command?: null; commandResult: onecard.v1.CommandResult.$Shape; heartbeat?: null; error?: null }|{ body?: "heartbeat"; hello?: null; challenge?: null; auth?: null; welcome?: null; events?: null; ack?: null; datasetUpdate?: null; datasetAck?: null; command?: null; commandResult?: null; heartbeat: onecard.v1.Heartbeat.$Shape; error?: null }|{ body?: "error"; hello?: null; challenge?: null; auth?: null; welcome?: null; events?: null; ack?: null; datasetUpdate?: null; datasetAck?: null; command?: null; commandResult?: null; heartbeat?: null; error: onecard.v1.Error.$Shape })
            );
        }

        /**
         * Properties of a Hello.
         * @deprecated Use onecard.v1.Hello.$Properties instead.
         */
        interface IHello extends onecard.v1.Hello.$Properties {
        }

        /** Represents a Hello. */
        class Hello {

            /**
             * Constructs a new Hello.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.Hello.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Hello deviceId. */
            deviceId: string;

            /** Hello protocolVersion. */
            protocolVersion: number;

            /** Hello lastSeqWritten. */
            lastSeqWritten: number;

            /** Hello datasets. */
            datasets: onecard.v1.DatasetVersion.$Properties[];

            /** Hello softwareVersion. */
            softwareVersion: string;

            /** Hello ackedSeq. */
            ackedSeq: number;

            /** Hello maxSnapshotChunks. */
            maxSnapshotChunks: number;

            /**
             * Creates a new Hello instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Hello instance
             */
            static create(properties: onecard.v1.Hello.$Shape): onecard.v1.Hello & onecard.v1.Hello.$Shape;
            static create(properties?: onecard.v1.Hello.$Properties): onecard.v1.Hello;

            /**
             * Encodes the specified Hello message. Does not implicitly {@link onecard.v1.Hello.verify|verify} messages.
             * @param message Hello message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.Hello.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Hello message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.Hello & onecard.v1.Hello.$Shape} Hello
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.Hello & onecard.v1.Hello.$Shape;
        }

        namespace Hello {

            /** Properties of a Hello. */
            interface $Properties {

                /** Hello deviceId */
                deviceId?: (string|null);

                /** Hello protocolVersion */
                protocolVersion?: (number|null);

                /** Hello lastSeqWritten */
                lastSeqWritten?: (number|null);

                /** Hello datasets */
                datasets?: (onecard.v1.DatasetVersion.$Properties[]|null);

                /** Hello softwareVersion */
                softwareVersion?: (string|null);

                /** Hello ackedSeq */
                ackedSeq?: (number|null);

                /** Hello maxSnapshotChunks */
                maxSnapshotChunks?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Hello. */
            type $Shape = onecard.v1.Hello.$Properties;
        }

        /**
         * Properties of a Challenge.
         * @deprecated Use onecard.v1.Challenge.$Properties instead.
         */
        interface IChallenge extends onecard.v1.Challenge.$Properties {
        }

        /** Represents a Challenge. */
        class Challenge {

            /**
             * Constructs a new Challenge.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.Challenge.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Challenge nonce. */
            nonce: Uint8Array;

            /**
             * Creates a new Challenge instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Challenge instance
             */
            static create(properties: onecard.v1.Challenge.$Shape): onecard.v1.Challenge & onecard.v1.Challenge.$Shape;
            static create(properties?: onecard.v1.Challenge.$Properties): onecard.v1.Challenge;

            /**
             * Encodes the specified Challenge message. Does not implicitly {@link onecard.v1.Challenge.verify|verify} messages.
             * @param message Challenge message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.Challenge.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Challenge message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.Challenge & onecard.v1.Challenge.$Shape} Challenge
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.Challenge & onecard.v1.Challenge.$Shape;
        }

        namespace Challenge {

            /** Properties of a Challenge. */
            interface $Properties {

                /** Challenge nonce */
                nonce?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Challenge. */
            type $Shape = onecard.v1.Challenge.$Properties;
        }

        /**
         * Properties of an Auth.
         * @deprecated Use onecard.v1.Auth.$Properties instead.
         */
        interface IAuth extends onecard.v1.Auth.$Properties {
        }

        /** Represents an Auth. */
        class Auth {

            /**
             * Constructs a new Auth.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.Auth.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Auth signature. */
            signature: Uint8Array;

            /**
             * Creates a new Auth instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Auth instance
             */
            static create(properties: onecard.v1.Auth.$Shape): onecard.v1.Auth & onecard.v1.Auth.$Shape;
            static create(properties?: onecard.v1.Auth.$Properties): onecard.v1.Auth;

            /**
             * Encodes the specified Auth message. Does not implicitly {@link onecard.v1.Auth.verify|verify} messages.
             * @param message Auth message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.Auth.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Auth message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.Auth & onecard.v1.Auth.$Shape} Auth
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.Auth & onecard.v1.Auth.$Shape;
        }

        namespace Auth {

            /** Properties of an Auth. */
            interface $Properties {

                /** Auth signature */
                signature?: (Uint8Array|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Auth. */
            type $Shape = onecard.v1.Auth.$Properties;
        }

        /**
         * Properties of a Welcome.
         * @deprecated Use onecard.v1.Welcome.$Properties instead.
         */
        interface IWelcome extends onecard.v1.Welcome.$Properties {
        }

        /** Represents a Welcome. */
        class Welcome {

            /**
             * Constructs a new Welcome.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.Welcome.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Welcome ackedSeq. */
            ackedSeq: number;

            /** Welcome hubTimeUnixMs. */
            hubTimeUnixMs: number;

            /** Welcome heartbeatIntervalMs. */
            heartbeatIntervalMs: number;

            /**
             * Creates a new Welcome instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Welcome instance
             */
            static create(properties: onecard.v1.Welcome.$Shape): onecard.v1.Welcome & onecard.v1.Welcome.$Shape;
            static create(properties?: onecard.v1.Welcome.$Properties): onecard.v1.Welcome;

            /**
             * Encodes the specified Welcome message. Does not implicitly {@link onecard.v1.Welcome.verify|verify} messages.
             * @param message Welcome message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.Welcome.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Welcome message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.Welcome & onecard.v1.Welcome.$Shape} Welcome
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.Welcome & onecard.v1.Welcome.$Shape;
        }

        namespace Welcome {

            /** Properties of a Welcome. */
            interface $Properties {

                /** Welcome ackedSeq */
                ackedSeq?: (number|null);

                /** Welcome hubTimeUnixMs */
                hubTimeUnixMs?: (number|null);

                /** Welcome heartbeatIntervalMs */
                heartbeatIntervalMs?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Welcome. */
            type $Shape = onecard.v1.Welcome.$Properties;
        }

        /**
         * Properties of an EventBatch.
         * @deprecated Use onecard.v1.EventBatch.$Properties instead.
         */
        interface IEventBatch extends onecard.v1.EventBatch.$Properties {
        }

        /** Represents an EventBatch. */
        class EventBatch {

            /**
             * Constructs a new EventBatch.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.EventBatch.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** EventBatch events. */
            events: onecard.v1.Event.$Properties[];

            /**
             * Creates a new EventBatch instance using the specified properties.
             * @param [properties] Properties to set
             * @returns EventBatch instance
             */
            static create(properties: onecard.v1.EventBatch.$Shape): onecard.v1.EventBatch & onecard.v1.EventBatch.$Shape;
            static create(properties?: onecard.v1.EventBatch.$Properties): onecard.v1.EventBatch;

            /**
             * Encodes the specified EventBatch message. Does not implicitly {@link onecard.v1.EventBatch.verify|verify} messages.
             * @param message EventBatch message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.EventBatch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an EventBatch message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.EventBatch & onecard.v1.EventBatch.$Shape} EventBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.EventBatch & onecard.v1.EventBatch.$Shape;
        }

        namespace EventBatch {

            /** Properties of an EventBatch. */
            interface $Properties {

                /** EventBatch events */
                events?: (onecard.v1.Event.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an EventBatch. */
            type $Shape = {
              events?: onecard.v1.Event.$Shape[]|null;
              $unknowns?: Uint8Array[];
            };
        }

        /**
         * Properties of an Event.
         * @deprecated Use onecard.v1.Event.$Properties instead.
         */
        interface IEvent extends onecard.v1.Event.$Properties {
        }

        /** Represents an Event. */
        class Event {

            /**
             * Constructs a new Event.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.Event.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Event deviceId. */
            deviceId: string;

            /** Event seq. */
            seq: number;

            /** Event deviceTimeUnixMs. */
            deviceTimeUnixMs: number;

            /** Event pointId. */
            pointId: string;

            /** Event prevHash. */
            prevHash: Uint8Array;

            /** Event monotonicMs. */
            monotonicMs: number;

            /** Event offline. */
            offline: boolean;

            /** Event offlineAuthorised. */
            offlineAuthorised: boolean;

            /** Event access. */
            access?: (onecard.v1.AccessDecision.$Properties|null);

            /** Event charge. */
            charge?: (onecard.v1.Charge.$Properties|null);

            /** Event meterReading. */
            meterReading?: (onecard.v1.MeterReading.$Properties|null);

            /** Event alarm. */
            alarm?: (onecard.v1.Alarm.$Properties|null);

            /** Event selfTest. */
            selfTest?: (onecard.v1.SelfTestResult.$Properties|null);

            /** Event showerSession. */
            showerSession?: (onecard.v1.ShowerSession.$Properties|null);

            /** Event payload. */
            payload?: ("access"|"charge"|"meterReading"|"alarm"|"selfTest"|"showerSession");

            /**
             * Creates a new Event instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Event instance
             */
            static create(properties: onecard.v1.Event.$Shape): onecard.v1.Event & onecard.v1.Event.$Shape;
            static create(properties?: onecard.v1.Event.$Properties): onecard.v1.Event;

            /**
             * Encodes the specified Event message. Does not implicitly {@link onecard.v1.Event.verify|verify} messages.
             * @param message Event message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.Event.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Event message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.Event & onecard.v1.Event.$Shape} Event
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.Event & onecard.v1.Event.$Shape;
        }

        namespace Event {

            /** Properties of an Event. */
            interface $Properties {

                /** Event deviceId */
                deviceId?: (string|null);

                /** Event seq */
                seq?: (number|null);

                /** Event deviceTimeUnixMs */
                deviceTimeUnixMs?: (number|null);

                /** Event pointId */
                pointId?: (string|null);

                /** Event prevHash */
                prevHash?: (Uint8Array|null);

                /** Event monotonicMs */
                monotonicMs?: (number|null);

                /** Event offline */
                offline?: (boolean|null);

                /** Event offlineAuthorised */
                offlineAuthorised?: (boolean|null);

                /** Event access */
                access?: (onecard.v1.AccessDecision.$Properties|null);

                /** Event charge */
                charge?: (onecard.v1.Charge.$Properties|null);

                /** Event meterReading */
                meterReading?: (onecard.v1.MeterReading.$Properties|null);

                /** Event alarm */
                alarm?: (onecard.v1.Alarm.$Properties|null);

                /** Event selfTest */
                selfTest?: (onecard.v1.SelfTestResult.$Properties|null);

                /** Event showerSession */
                showerSession?: (onecard.v1.ShowerSession.$Properties|null);

                /** Event payload */
                payload?: ("access"|"charge"|"meterReading"|"alarm"|"selfTest"|"showerSession");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of an Event. */
            type $Shape = {
              deviceId?: string|null;
              seq?: number|null;
              deviceTimeUnixMs?: number|null;
              pointId?: string|null;
              prevHash?: Uint8Array|null;
              monotonicMs?: number|null;
              offline?: boolean|null;
              offlineAuthorised?: boolean|null;
              access?: onecard.v1.AccessDecision.$Shape|null;
              charge?: onecard.v1.Charge.$Shape|null;
              meterReading?: onecard.v1.MeterReading.$Shape|null;
              alarm?: onecard.v1.Alarm.$Shape|null;
              selfTest?: onecard.v1.SelfTestResult.$Shape|null;
              showerSession?: onecard.v1.ShowerSession.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ payload?: undefined; access?: null; charge?: null; meterReading?: null; alarm?: null; selfTest?: null; showerSession?: null }|{ payload?: "access"; access: onecard.v1.AccessDecision.$Shape; charge?: null; meterReading?: null; alarm?: null; selfTest?: null; showerSession?: null }|{ payload?: "charge"; access?: null; charge: onecard.v1.Charge.$Shape; meterReading?: null; alarm?: null; selfTest?: null; showerSession?: null }|{ payload?: "meterReading"; access?: null; charge?: null; meterReading: onecard.v1.MeterReading.$Shape; alarm?: null; selfTest?: null; showerSession?: null }|{ payload?: "alarm"; access?: null; charge?: null; meterReading?: null; alarm: onecard.v1.Alarm.$Shape; selfTest?: null; showerSession?: null }|{ payload?: "selfTest"; access?: null; charge?: null; meterReading?: null; alarm?: null; selfTest: onecard.v1.SelfTestResult.$Shape; showerSession?: null }|{ payload?: "showerSession"; access?: null; charge?: null; meterReading?: null; alarm?: null; selfTest?: null; showerSession: onecard.v1.ShowerSession.$Shape })
            );
        }

        /** AccessReason enum. */
        enum AccessReason {

            /** ACCESS_REASON_UNSPECIFIED value */
            ACCESS_REASON_UNSPECIFIED = 0,

            /** ACCESS_REASON_GRANTED value */
            ACCESS_REASON_GRANTED = 1,

            /** ACCESS_REASON_DENIED_BLACKLISTED value */
            ACCESS_REASON_DENIED_BLACKLISTED = 2,

            /** ACCESS_REASON_DENIED_UNKNOWN_CARD value */
            ACCESS_REASON_DENIED_UNKNOWN_CARD = 3,

            /** ACCESS_REASON_GRANTED_REMOTE value */
            ACCESS_REASON_GRANTED_REMOTE = 4,

            /** ACCESS_REASON_DENIED_EXPIRED value */
            ACCESS_REASON_DENIED_EXPIRED = 5,

            /** ACCESS_REASON_DENIED_NOT_YET_VALID value */
            ACCESS_REASON_DENIED_NOT_YET_VALID = 6,

            /** ACCESS_REASON_DENIED_NOT_IN_GROUP value */
            ACCESS_REASON_DENIED_NOT_IN_GROUP = 7,

            /** ACCESS_REASON_DENIED_LOST value */
            ACCESS_REASON_DENIED_LOST = 8,

            /** ACCESS_REASON_DENIED_REPLACED value */
            ACCESS_REASON_DENIED_REPLACED = 9,

            /** ACCESS_REASON_DENIED_CANCELLED value */
            ACCESS_REASON_DENIED_CANCELLED = 10,

            /** ACCESS_REASON_DENIED_OUTSIDE_SCHEDULE value */
            ACCESS_REASON_DENIED_OUTSIDE_SCHEDULE = 11,

            /** ACCESS_REASON_DENIED_HOLIDAY value */
            ACCESS_REASON_DENIED_HOLIDAY = 12,

            /** ACCESS_REASON_DENIED_ANTI_PASSBACK value */
            ACCESS_REASON_DENIED_ANTI_PASSBACK = 13,

            /** ACCESS_REASON_GRANTED_EXIT_REQUEST value */
            ACCESS_REASON_GRANTED_EXIT_REQUEST = 14,

            /** ACCESS_REASON_DENIED_INSUFFICIENT_BALANCE value */
            ACCESS_REASON_DENIED_INSUFFICIENT_BALANCE = 15,

            /** ACCESS_REASON_DENIED_DAILY_LIMIT value */
            ACCESS_REASON_DENIED_DAILY_LIMIT = 16,

            /** ACCESS_REASON_DENIED_OFFLINE_LIMIT value */
            ACCESS_REASON_DENIED_OFFLINE_LIMIT = 17,

            /** ACCESS_REASON_DENIED_NO_ACCOUNT value */
            ACCESS_REASON_DENIED_NO_ACCOUNT = 18,

            /** ACCESS_REASON_DENIED_NO_TARIFF value */
            ACCESS_REASON_DENIED_NO_TARIFF = 19,

            /** ACCESS_REASON_DENIED_SESSION_OPEN value */
            ACCESS_REASON_DENIED_SESSION_OPEN = 20,

            /** ACCESS_REASON_DENIED_JOURNAL_FULL value */
            ACCESS_REASON_DENIED_JOURNAL_FULL = 21,

            /** ACCESS_REASON_DENIED_POINT_FAULT value */
            ACCESS_REASON_DENIED_POINT_FAULT = 22
        }

        /** SpendRule enum. */
        enum SpendRule {

            /** SPEND_RULE_UNSPECIFIED value */
            SPEND_RULE_UNSPECIFIED = 0,

            /** SPEND_RULE_BALANCE value */
            SPEND_RULE_BALANCE = 1,

            /** SPEND_RULE_DAILY_LIMIT value */
            SPEND_RULE_DAILY_LIMIT = 2,

            /** SPEND_RULE_OFFLINE_LIMIT value */
            SPEND_RULE_OFFLINE_LIMIT = 3,

            /** SPEND_RULE_MAX_SESSION_COST value */
            SPEND_RULE_MAX_SESSION_COST = 4
        }

        /**
         * Properties of an AccessDecision.
         * @deprecated Use onecard.v1.AccessDecision.$Properties instead.
         */
        interface IAccessDecision extends onecard.v1.AccessDecision.$Properties {
        }

        /** Represents an AccessDecision. */
        class AccessDecision {

            /**
             * Constructs a new AccessDecision.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.AccessDecision.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** AccessDecision cardUid. */
            cardUid: string;

            /** AccessDecision granted. */
            granted: boolean;

            /** AccessDecision reason. */
            reason: onecard.v1.AccessReason;

            /** AccessDecision decisionLatencyUs. */
            decisionLatencyUs: number;

            /** AccessDecision blacklistVersion. */
            blacklistVersion: number;

            /**
             * Creates a new AccessDecision instance using the specified properties.
             * @param [properties] Properties to set
             * @returns AccessDecision instance
             */
            static create(properties: onecard.v1.AccessDecision.$Shape): onecard.v1.AccessDecision & onecard.v1.AccessDecision.$Shape;
            static create(properties?: onecard.v1.AccessDecision.$Properties): onecard.v1.AccessDecision;

            /**
             * Encodes the specified AccessDecision message. Does not implicitly {@link onecard.v1.AccessDecision.verify|verify} messages.
             * @param message AccessDecision message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.AccessDecision.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an AccessDecision message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.AccessDecision & onecard.v1.AccessDecision.$Shape} AccessDecision
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.AccessDecision & onecard.v1.AccessDecision.$Shape;
        }

        namespace AccessDecision {

            /** Properties of an AccessDecision. */
            interface $Properties {

                /** AccessDecision cardUid */
                cardUid?: (string|null);

                /** AccessDecision granted */
                granted?: (boolean|null);

                /** AccessDecision reason */
                reason?: (onecard.v1.AccessReason|null);

                /** AccessDecision decisionLatencyUs */
                decisionLatencyUs?: (number|null);

                /** AccessDecision blacklistVersion */
                blacklistVersion?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an AccessDecision. */
            type $Shape = onecard.v1.AccessDecision.$Properties;
        }

        /**
         * Properties of a Charge.
         * @deprecated Use onecard.v1.Charge.$Properties instead.
         */
        interface ICharge extends onecard.v1.Charge.$Properties {
        }

        /** Represents a Charge. */
        class Charge {

            /**
             * Constructs a new Charge.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.Charge.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Charge cardUid. */
            cardUid: string;

            /** Charge accountId. */
            accountId: string;

            /** Charge amountFen. */
            amountFen: number;

            /** Charge tariffId. */
            tariffId: string;

            /** Charge sessionId. */
            sessionId: string;

            /** Charge basis. */
            basis: onecard.v1.ChargeBasis;

            /** Charge volumeMl. */
            volumeMl: number;

            /** Charge durationMs. */
            durationMs: number;

            /** Charge energyWh. */
            energyWh: number;

            /** Charge freeEnergyWh. */
            freeEnergyWh: number;

            /** Charge spendRule. */
            spendRule: onecard.v1.SpendRule;

            /** Charge minimumApplied. */
            minimumApplied: boolean;

            /**
             * Creates a new Charge instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Charge instance
             */
            static create(properties: onecard.v1.Charge.$Shape): onecard.v1.Charge & onecard.v1.Charge.$Shape;
            static create(properties?: onecard.v1.Charge.$Properties): onecard.v1.Charge;

            /**
             * Encodes the specified Charge message. Does not implicitly {@link onecard.v1.Charge.verify|verify} messages.
             * @param message Charge message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.Charge.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Charge message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.Charge & onecard.v1.Charge.$Shape} Charge
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.Charge & onecard.v1.Charge.$Shape;
        }

        namespace Charge {

            /** Properties of a Charge. */
            interface $Properties {

                /** Charge cardUid */
                cardUid?: (string|null);

                /** Charge accountId */
                accountId?: (string|null);

                /** Charge amountFen */
                amountFen?: (number|null);

                /** Charge tariffId */
                tariffId?: (string|null);

                /** Charge sessionId */
                sessionId?: (string|null);

                /** Charge basis */
                basis?: (onecard.v1.ChargeBasis|null);

                /** Charge volumeMl */
                volumeMl?: (number|null);

                /** Charge durationMs */
                durationMs?: (number|null);

                /** Charge energyWh */
                energyWh?: (number|null);

                /** Charge freeEnergyWh */
                freeEnergyWh?: (number|null);

                /** Charge spendRule */
                spendRule?: (onecard.v1.SpendRule|null);

                /** Charge minimumApplied */
                minimumApplied?: (boolean|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Charge. */
            type $Shape = onecard.v1.Charge.$Properties;
        }

        /** ChargeBasis enum. */
        enum ChargeBasis {

            /** CHARGE_BASIS_UNSPECIFIED value */
            CHARGE_BASIS_UNSPECIFIED = 0,

            /** CHARGE_BASIS_VOLUME value */
            CHARGE_BASIS_VOLUME = 1,

            /** CHARGE_BASIS_TIME value */
            CHARGE_BASIS_TIME = 2,

            /** CHARGE_BASIS_ENERGY value */
            CHARGE_BASIS_ENERGY = 3
        }

        /** MeterComm enum. */
        enum MeterComm {

            /** METER_COMM_UNSPECIFIED value */
            METER_COMM_UNSPECIFIED = 0,

            /** METER_COMM_OK value */
            METER_COMM_OK = 1,

            /** METER_COMM_TIMEOUT value */
            METER_COMM_TIMEOUT = 2,

            /** METER_COMM_CRC value */
            METER_COMM_CRC = 3,

            /** METER_COMM_EXCEPTION value */
            METER_COMM_EXCEPTION = 4,

            /** METER_COMM_DISCONNECTED value */
            METER_COMM_DISCONNECTED = 5,

            /** METER_COMM_BUSY value */
            METER_COMM_BUSY = 6,

            /** METER_COMM_IMPLAUSIBLE value */
            METER_COMM_IMPLAUSIBLE = 7
        }

        /**
         * Properties of a MeterReading.
         * @deprecated Use onecard.v1.MeterReading.$Properties instead.
         */
        interface IMeterReading extends onecard.v1.MeterReading.$Properties {
        }

        /** Represents a MeterReading. */
        class MeterReading {

            /**
             * Constructs a new MeterReading.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.MeterReading.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** MeterReading meterId. */
            meterId: string;

            /** MeterReading energyWh. */
            energyWh: number;

            /** MeterReading powerW. */
            powerW: number;

            /** MeterReading voltageMv. */
            voltageMv: number;

            /** MeterReading currentMa. */
            currentMa: number;

            /** MeterReading relayClosed. */
            relayClosed: boolean;

            /** MeterReading comm. */
            comm: onecard.v1.MeterComm;

            /** MeterReading accountId. */
            accountId: string;

            /** MeterReading balanceFen. */
            balanceFen: number;

            /** MeterReading cutOff. */
            cutOff: boolean;

            /**
             * Creates a new MeterReading instance using the specified properties.
             * @param [properties] Properties to set
             * @returns MeterReading instance
             */
            static create(properties: onecard.v1.MeterReading.$Shape): onecard.v1.MeterReading & onecard.v1.MeterReading.$Shape;
            static create(properties?: onecard.v1.MeterReading.$Properties): onecard.v1.MeterReading;

            /**
             * Encodes the specified MeterReading message. Does not implicitly {@link onecard.v1.MeterReading.verify|verify} messages.
             * @param message MeterReading message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.MeterReading.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a MeterReading message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.MeterReading & onecard.v1.MeterReading.$Shape} MeterReading
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.MeterReading & onecard.v1.MeterReading.$Shape;
        }

        namespace MeterReading {

            /** Properties of a MeterReading. */
            interface $Properties {

                /** MeterReading meterId */
                meterId?: (string|null);

                /** MeterReading energyWh */
                energyWh?: (number|null);

                /** MeterReading powerW */
                powerW?: (number|null);

                /** MeterReading voltageMv */
                voltageMv?: (number|null);

                /** MeterReading currentMa */
                currentMa?: (number|null);

                /** MeterReading relayClosed */
                relayClosed?: (boolean|null);

                /** MeterReading comm */
                comm?: (onecard.v1.MeterComm|null);

                /** MeterReading accountId */
                accountId?: (string|null);

                /** MeterReading balanceFen */
                balanceFen?: (number|null);

                /** MeterReading cutOff */
                cutOff?: (boolean|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a MeterReading. */
            type $Shape = onecard.v1.MeterReading.$Properties;
        }

        /** SessionPhase enum. */
        enum SessionPhase {

            /** SESSION_PHASE_UNSPECIFIED value */
            SESSION_PHASE_UNSPECIFIED = 0,

            /** SESSION_PHASE_OPEN value */
            SESSION_PHASE_OPEN = 1,

            /** SESSION_PHASE_PROGRESS value */
            SESSION_PHASE_PROGRESS = 2,

            /** SESSION_PHASE_CLOSE value */
            SESSION_PHASE_CLOSE = 3
        }

        /** SessionEnd enum. */
        enum SessionEnd {

            /** SESSION_END_UNSPECIFIED value */
            SESSION_END_UNSPECIFIED = 0,

            /** SESSION_END_TAP value */
            SESSION_END_TAP = 1,

            /** SESSION_END_TIMEOUT value */
            SESSION_END_TIMEOUT = 2,

            /** SESSION_END_FUNDS_EXHAUSTED value */
            SESSION_END_FUNDS_EXHAUSTED = 3,

            /** SESSION_END_MAX_DURATION value */
            SESSION_END_MAX_DURATION = 4,

            /** SESSION_END_MAX_COST value */
            SESSION_END_MAX_COST = 5,

            /** SESSION_END_RESTART value */
            SESSION_END_RESTART = 6,

            /** SESSION_END_FAULT value */
            SESSION_END_FAULT = 7,

            /** SESSION_END_SHUTDOWN value */
            SESSION_END_SHUTDOWN = 8
        }

        /**
         * Properties of a ShowerSession.
         * @deprecated Use onecard.v1.ShowerSession.$Properties instead.
         */
        interface IShowerSession extends onecard.v1.ShowerSession.$Properties {
        }

        /** Represents a ShowerSession. */
        class ShowerSession {

            /**
             * Constructs a new ShowerSession.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.ShowerSession.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** ShowerSession sessionId. */
            sessionId: string;

            /** ShowerSession cardUid. */
            cardUid: string;

            /** ShowerSession accountId. */
            accountId: string;

            /** ShowerSession phase. */
            phase: onecard.v1.SessionPhase;

            /** ShowerSession end. */
            end: onecard.v1.SessionEnd;

            /** ShowerSession pulses. */
            pulses: number;

            /** ShowerSession volumeMl. */
            volumeMl: number;

            /** ShowerSession durationMs. */
            durationMs: number;

            /** ShowerSession amountFen. */
            amountFen: number;

            /** ShowerSession allowanceFen. */
            allowanceFen: number;

            /** ShowerSession spendRule. */
            spendRule: onecard.v1.SpendRule;

            /** ShowerSession timeBilled. */
            timeBilled: boolean;

            /** ShowerSession tariffId. */
            tariffId: string;

            /**
             * Creates a new ShowerSession instance using the specified properties.
             * @param [properties] Properties to set
             * @returns ShowerSession instance
             */
            static create(properties: onecard.v1.ShowerSession.$Shape): onecard.v1.ShowerSession & onecard.v1.ShowerSession.$Shape;
            static create(properties?: onecard.v1.ShowerSession.$Properties): onecard.v1.ShowerSession;

            /**
             * Encodes the specified ShowerSession message. Does not implicitly {@link onecard.v1.ShowerSession.verify|verify} messages.
             * @param message ShowerSession message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.ShowerSession.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a ShowerSession message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.ShowerSession & onecard.v1.ShowerSession.$Shape} ShowerSession
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.ShowerSession & onecard.v1.ShowerSession.$Shape;
        }

        namespace ShowerSession {

            /** Properties of a ShowerSession. */
            interface $Properties {

                /** ShowerSession sessionId */
                sessionId?: (string|null);

                /** ShowerSession cardUid */
                cardUid?: (string|null);

                /** ShowerSession accountId */
                accountId?: (string|null);

                /** ShowerSession phase */
                phase?: (onecard.v1.SessionPhase|null);

                /** ShowerSession end */
                end?: (onecard.v1.SessionEnd|null);

                /** ShowerSession pulses */
                pulses?: (number|null);

                /** ShowerSession volumeMl */
                volumeMl?: (number|null);

                /** ShowerSession durationMs */
                durationMs?: (number|null);

                /** ShowerSession amountFen */
                amountFen?: (number|null);

                /** ShowerSession allowanceFen */
                allowanceFen?: (number|null);

                /** ShowerSession spendRule */
                spendRule?: (onecard.v1.SpendRule|null);

                /** ShowerSession timeBilled */
                timeBilled?: (boolean|null);

                /** ShowerSession tariffId */
                tariffId?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a ShowerSession. */
            type $Shape = onecard.v1.ShowerSession.$Properties;
        }

        /**
         * Properties of an Alarm.
         * @deprecated Use onecard.v1.Alarm.$Properties instead.
         */
        interface IAlarm extends onecard.v1.Alarm.$Properties {
        }

        /** Represents an Alarm. */
        class Alarm {

            /**
             * Constructs a new Alarm.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.Alarm.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Alarm kind. */
            kind: string;

            /** Alarm active. */
            active: boolean;

            /** Alarm detail. */
            detail: string;

            /**
             * Creates a new Alarm instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Alarm instance
             */
            static create(properties: onecard.v1.Alarm.$Shape): onecard.v1.Alarm & onecard.v1.Alarm.$Shape;
            static create(properties?: onecard.v1.Alarm.$Properties): onecard.v1.Alarm;

            /**
             * Encodes the specified Alarm message. Does not implicitly {@link onecard.v1.Alarm.verify|verify} messages.
             * @param message Alarm message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.Alarm.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Alarm message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.Alarm & onecard.v1.Alarm.$Shape} Alarm
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.Alarm & onecard.v1.Alarm.$Shape;
        }

        namespace Alarm {

            /** Properties of an Alarm. */
            interface $Properties {

                /** Alarm kind */
                kind?: (string|null);

                /** Alarm active */
                active?: (boolean|null);

                /** Alarm detail */
                detail?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Alarm. */
            type $Shape = onecard.v1.Alarm.$Properties;
        }

        /** SelfTestStatus enum. */
        enum SelfTestStatus {

            /** SELF_TEST_STATUS_UNSPECIFIED value */
            SELF_TEST_STATUS_UNSPECIFIED = 0,

            /** SELF_TEST_STATUS_PASS value */
            SELF_TEST_STATUS_PASS = 1,

            /** SELF_TEST_STATUS_FAIL value */
            SELF_TEST_STATUS_FAIL = 2,

            /** SELF_TEST_STATUS_SKIP value */
            SELF_TEST_STATUS_SKIP = 3
        }

        /**
         * Properties of a SelfTestResult.
         * @deprecated Use onecard.v1.SelfTestResult.$Properties instead.
         */
        interface ISelfTestResult extends onecard.v1.SelfTestResult.$Properties {
        }

        /** Represents a SelfTestResult. */
        class SelfTestResult {

            /**
             * Constructs a new SelfTestResult.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.SelfTestResult.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** SelfTestResult component. */
            component: string;

            /** SelfTestResult status. */
            status: onecard.v1.SelfTestStatus;

            /** SelfTestResult detail. */
            detail: string;

            /** SelfTestResult category. */
            category: string;

            /** SelfTestResult figure. */
            figure: string;

            /** SelfTestResult remedy. */
            remedy: string;

            /** SelfTestResult runId. */
            runId: string;

            /** SelfTestResult step. */
            step: string;

            /** SelfTestResult cause. */
            cause: string;

            /** SelfTestResult suite. */
            suite: string;

            /** SelfTestResult code. */
            code: string;

            /**
             * Creates a new SelfTestResult instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SelfTestResult instance
             */
            static create(properties: onecard.v1.SelfTestResult.$Shape): onecard.v1.SelfTestResult & onecard.v1.SelfTestResult.$Shape;
            static create(properties?: onecard.v1.SelfTestResult.$Properties): onecard.v1.SelfTestResult;

            /**
             * Encodes the specified SelfTestResult message. Does not implicitly {@link onecard.v1.SelfTestResult.verify|verify} messages.
             * @param message SelfTestResult message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.SelfTestResult.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SelfTestResult message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.SelfTestResult & onecard.v1.SelfTestResult.$Shape} SelfTestResult
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.SelfTestResult & onecard.v1.SelfTestResult.$Shape;
        }

        namespace SelfTestResult {

            /** Properties of a SelfTestResult. */
            interface $Properties {

                /** SelfTestResult component */
                component?: (string|null);

                /** SelfTestResult status */
                status?: (onecard.v1.SelfTestStatus|null);

                /** SelfTestResult detail */
                detail?: (string|null);

                /** SelfTestResult category */
                category?: (string|null);

                /** SelfTestResult figure */
                figure?: (string|null);

                /** SelfTestResult remedy */
                remedy?: (string|null);

                /** SelfTestResult runId */
                runId?: (string|null);

                /** SelfTestResult step */
                step?: (string|null);

                /** SelfTestResult cause */
                cause?: (string|null);

                /** SelfTestResult suite */
                suite?: (string|null);

                /** SelfTestResult code */
                code?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SelfTestResult. */
            type $Shape = onecard.v1.SelfTestResult.$Properties;
        }

        /**
         * Properties of an Ack.
         * @deprecated Use onecard.v1.Ack.$Properties instead.
         */
        interface IAck extends onecard.v1.Ack.$Properties {
        }

        /** Represents an Ack. */
        class Ack {

            /**
             * Constructs a new Ack.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.Ack.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Ack ackedSeq. */
            ackedSeq: number;

            /**
             * Creates a new Ack instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Ack instance
             */
            static create(properties: onecard.v1.Ack.$Shape): onecard.v1.Ack & onecard.v1.Ack.$Shape;
            static create(properties?: onecard.v1.Ack.$Properties): onecard.v1.Ack;

            /**
             * Encodes the specified Ack message. Does not implicitly {@link onecard.v1.Ack.verify|verify} messages.
             * @param message Ack message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.Ack.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Ack message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.Ack & onecard.v1.Ack.$Shape} Ack
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.Ack & onecard.v1.Ack.$Shape;
        }

        namespace Ack {

            /** Properties of an Ack. */
            interface $Properties {

                /** Ack ackedSeq */
                ackedSeq?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Ack. */
            type $Shape = onecard.v1.Ack.$Properties;
        }

        /** DatasetName enum. */
        enum DatasetName {

            /** DATASET_NAME_UNSPECIFIED value */
            DATASET_NAME_UNSPECIFIED = 0,

            /** DATASET_NAME_BLACKLIST value */
            DATASET_NAME_BLACKLIST = 1,

            /** DATASET_NAME_CARDS value */
            DATASET_NAME_CARDS = 2,

            /** DATASET_NAME_BALANCES value */
            DATASET_NAME_BALANCES = 3,

            /** DATASET_NAME_TARIFFS value */
            DATASET_NAME_TARIFFS = 4,

            /** DATASET_NAME_SCHEDULES value */
            DATASET_NAME_SCHEDULES = 5
        }

        /**
         * Properties of a DatasetVersion.
         * @deprecated Use onecard.v1.DatasetVersion.$Properties instead.
         */
        interface IDatasetVersion extends onecard.v1.DatasetVersion.$Properties {
        }

        /** Represents a DatasetVersion. */
        class DatasetVersion {

            /**
             * Constructs a new DatasetVersion.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.DatasetVersion.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** DatasetVersion name. */
            name: onecard.v1.DatasetName;

            /** DatasetVersion version. */
            version: number;

            /**
             * Creates a new DatasetVersion instance using the specified properties.
             * @param [properties] Properties to set
             * @returns DatasetVersion instance
             */
            static create(properties: onecard.v1.DatasetVersion.$Shape): onecard.v1.DatasetVersion & onecard.v1.DatasetVersion.$Shape;
            static create(properties?: onecard.v1.DatasetVersion.$Properties): onecard.v1.DatasetVersion;

            /**
             * Encodes the specified DatasetVersion message. Does not implicitly {@link onecard.v1.DatasetVersion.verify|verify} messages.
             * @param message DatasetVersion message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.DatasetVersion.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a DatasetVersion message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.DatasetVersion & onecard.v1.DatasetVersion.$Shape} DatasetVersion
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.DatasetVersion & onecard.v1.DatasetVersion.$Shape;
        }

        namespace DatasetVersion {

            /** Properties of a DatasetVersion. */
            interface $Properties {

                /** DatasetVersion name */
                name?: (onecard.v1.DatasetName|null);

                /** DatasetVersion version */
                version?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a DatasetVersion. */
            type $Shape = onecard.v1.DatasetVersion.$Properties;
        }

        /**
         * Properties of a DatasetUpdate.
         * @deprecated Use onecard.v1.DatasetUpdate.$Properties instead.
         */
        interface IDatasetUpdate extends onecard.v1.DatasetUpdate.$Properties {
        }

        /** Represents a DatasetUpdate. */
        class DatasetUpdate {

            /**
             * Constructs a new DatasetUpdate.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.DatasetUpdate.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** DatasetUpdate name. */
            name: onecard.v1.DatasetName;

            /** DatasetUpdate version. */
            version: number;

            /** DatasetUpdate fromVersion. */
            fromVersion: number;

            /** DatasetUpdate fullSnapshot. */
            fullSnapshot: boolean;

            /** DatasetUpdate snapshotId. */
            snapshotId: number;

            /** DatasetUpdate chunkIndex. */
            chunkIndex: number;

            /** DatasetUpdate chunkCount. */
            chunkCount: number;

            /** DatasetUpdate blacklist. */
            blacklist?: (onecard.v1.BlacklistData.$Properties|null);

            /** DatasetUpdate cards. */
            cards?: (onecard.v1.CardsData.$Properties|null);

            /** DatasetUpdate balances. */
            balances?: (onecard.v1.BalancesData.$Properties|null);

            /** DatasetUpdate tariffs. */
            tariffs?: (onecard.v1.TariffsData.$Properties|null);

            /** DatasetUpdate schedules. */
            schedules?: (onecard.v1.SchedulesData.$Properties|null);

            /** DatasetUpdate data. */
            data?: ("blacklist"|"cards"|"balances"|"tariffs"|"schedules");

            /**
             * Creates a new DatasetUpdate instance using the specified properties.
             * @param [properties] Properties to set
             * @returns DatasetUpdate instance
             */
            static create(properties: onecard.v1.DatasetUpdate.$Shape): onecard.v1.DatasetUpdate & onecard.v1.DatasetUpdate.$Shape;
            static create(properties?: onecard.v1.DatasetUpdate.$Properties): onecard.v1.DatasetUpdate;

            /**
             * Encodes the specified DatasetUpdate message. Does not implicitly {@link onecard.v1.DatasetUpdate.verify|verify} messages.
             * @param message DatasetUpdate message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.DatasetUpdate.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a DatasetUpdate message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.DatasetUpdate & onecard.v1.DatasetUpdate.$Shape} DatasetUpdate
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.DatasetUpdate & onecard.v1.DatasetUpdate.$Shape;
        }

        namespace DatasetUpdate {

            /** Properties of a DatasetUpdate. */
            interface $Properties {

                /** DatasetUpdate name */
                name?: (onecard.v1.DatasetName|null);

                /** DatasetUpdate version */
                version?: (number|null);

                /** DatasetUpdate fromVersion */
                fromVersion?: (number|null);

                /** DatasetUpdate fullSnapshot */
                fullSnapshot?: (boolean|null);

                /** DatasetUpdate snapshotId */
                snapshotId?: (number|null);

                /** DatasetUpdate chunkIndex */
                chunkIndex?: (number|null);

                /** DatasetUpdate chunkCount */
                chunkCount?: (number|null);

                /** DatasetUpdate blacklist */
                blacklist?: (onecard.v1.BlacklistData.$Properties|null);

                /** DatasetUpdate cards */
                cards?: (onecard.v1.CardsData.$Properties|null);

                /** DatasetUpdate balances */
                balances?: (onecard.v1.BalancesData.$Properties|null);

                /** DatasetUpdate tariffs */
                tariffs?: (onecard.v1.TariffsData.$Properties|null);

                /** DatasetUpdate schedules */
                schedules?: (onecard.v1.SchedulesData.$Properties|null);

                /** DatasetUpdate data */
                data?: ("blacklist"|"cards"|"balances"|"tariffs"|"schedules");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a DatasetUpdate. */
            type $Shape = {
              name?: onecard.v1.DatasetName|null;
              version?: number|null;
              fromVersion?: number|null;
              fullSnapshot?: boolean|null;
              snapshotId?: number|null;
              chunkIndex?: number|null;
              chunkCount?: number|null;
              blacklist?: onecard.v1.BlacklistData.$Shape|null;
              cards?: onecard.v1.CardsData.$Shape|null;
              balances?: onecard.v1.BalancesData.$Shape|null;
              tariffs?: onecard.v1.TariffsData.$Shape|null;
              schedules?: onecard.v1.SchedulesData.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ data?: undefined; blacklist?: null; cards?: null; balances?: null; tariffs?: null; schedules?: null }|{ data?: "blacklist"; blacklist: onecard.v1.BlacklistData.$Shape; cards?: null; balances?: null; tariffs?: null; schedules?: null }|{ data?: "cards"; blacklist?: null; cards: onecard.v1.CardsData.$Shape; balances?: null; tariffs?: null; schedules?: null }|{ data?: "balances"; blacklist?: null; cards?: null; balances: onecard.v1.BalancesData.$Shape; tariffs?: null; schedules?: null }|{ data?: "tariffs"; blacklist?: null; cards?: null; balances?: null; tariffs: onecard.v1.TariffsData.$Shape; schedules?: null }|{ data?: "schedules"; blacklist?: null; cards?: null; balances?: null; tariffs?: null; schedules: onecard.v1.SchedulesData.$Shape })
            );
        }

        /** BlacklistReason enum. */
        enum BlacklistReason {

            /** BLACKLIST_REASON_UNSPECIFIED value */
            BLACKLIST_REASON_UNSPECIFIED = 0,

            /** BLACKLIST_REASON_LOST value */
            BLACKLIST_REASON_LOST = 1,

            /** BLACKLIST_REASON_REPLACED value */
            BLACKLIST_REASON_REPLACED = 2,

            /** BLACKLIST_REASON_CANCELLED value */
            BLACKLIST_REASON_CANCELLED = 3
        }

        /**
         * Properties of a BlacklistEntry.
         * @deprecated Use onecard.v1.BlacklistEntry.$Properties instead.
         */
        interface IBlacklistEntry extends onecard.v1.BlacklistEntry.$Properties {
        }

        /** Represents a BlacklistEntry. */
        class BlacklistEntry {

            /**
             * Constructs a new BlacklistEntry.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.BlacklistEntry.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** BlacklistEntry cardUid. */
            cardUid: string;

            /** BlacklistEntry reason. */
            reason: onecard.v1.BlacklistReason;

            /**
             * Creates a new BlacklistEntry instance using the specified properties.
             * @param [properties] Properties to set
             * @returns BlacklistEntry instance
             */
            static create(properties: onecard.v1.BlacklistEntry.$Shape): onecard.v1.BlacklistEntry & onecard.v1.BlacklistEntry.$Shape;
            static create(properties?: onecard.v1.BlacklistEntry.$Properties): onecard.v1.BlacklistEntry;

            /**
             * Encodes the specified BlacklistEntry message. Does not implicitly {@link onecard.v1.BlacklistEntry.verify|verify} messages.
             * @param message BlacklistEntry message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.BlacklistEntry.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a BlacklistEntry message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.BlacklistEntry & onecard.v1.BlacklistEntry.$Shape} BlacklistEntry
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.BlacklistEntry & onecard.v1.BlacklistEntry.$Shape;
        }

        namespace BlacklistEntry {

            /** Properties of a BlacklistEntry. */
            interface $Properties {

                /** BlacklistEntry cardUid */
                cardUid?: (string|null);

                /** BlacklistEntry reason */
                reason?: (onecard.v1.BlacklistReason|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a BlacklistEntry. */
            type $Shape = onecard.v1.BlacklistEntry.$Properties;
        }

        /**
         * Properties of a BlacklistData.
         * @deprecated Use onecard.v1.BlacklistData.$Properties instead.
         */
        interface IBlacklistData extends onecard.v1.BlacklistData.$Properties {
        }

        /** Represents a BlacklistData. */
        class BlacklistData {

            /**
             * Constructs a new BlacklistData.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.BlacklistData.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** BlacklistData addCardUids. */
            addCardUids: string[];

            /** BlacklistData removeCardUids. */
            removeCardUids: string[];

            /** BlacklistData add. */
            add: onecard.v1.BlacklistEntry.$Properties[];

            /**
             * Creates a new BlacklistData instance using the specified properties.
             * @param [properties] Properties to set
             * @returns BlacklistData instance
             */
            static create(properties: onecard.v1.BlacklistData.$Shape): onecard.v1.BlacklistData & onecard.v1.BlacklistData.$Shape;
            static create(properties?: onecard.v1.BlacklistData.$Properties): onecard.v1.BlacklistData;

            /**
             * Encodes the specified BlacklistData message. Does not implicitly {@link onecard.v1.BlacklistData.verify|verify} messages.
             * @param message BlacklistData message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.BlacklistData.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a BlacklistData message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.BlacklistData & onecard.v1.BlacklistData.$Shape} BlacklistData
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.BlacklistData & onecard.v1.BlacklistData.$Shape;
        }

        namespace BlacklistData {

            /** Properties of a BlacklistData. */
            interface $Properties {

                /** BlacklistData addCardUids */
                addCardUids?: (string[]|null);

                /** BlacklistData removeCardUids */
                removeCardUids?: (string[]|null);

                /** BlacklistData add */
                add?: (onecard.v1.BlacklistEntry.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a BlacklistData. */
            type $Shape = onecard.v1.BlacklistData.$Properties;
        }

        /**
         * Properties of a BalancesData.
         * @deprecated Use onecard.v1.BalancesData.$Properties instead.
         */
        interface IBalancesData extends onecard.v1.BalancesData.$Properties {
        }

        /** Represents a BalancesData. */
        class BalancesData {

            /**
             * Constructs a new BalancesData.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.BalancesData.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** BalancesData upsert. */
            upsert: onecard.v1.BalanceEntry.$Properties[];

            /** BalancesData removeAccountIds. */
            removeAccountIds: string[];

            /**
             * Creates a new BalancesData instance using the specified properties.
             * @param [properties] Properties to set
             * @returns BalancesData instance
             */
            static create(properties: onecard.v1.BalancesData.$Shape): onecard.v1.BalancesData & onecard.v1.BalancesData.$Shape;
            static create(properties?: onecard.v1.BalancesData.$Properties): onecard.v1.BalancesData;

            /**
             * Encodes the specified BalancesData message. Does not implicitly {@link onecard.v1.BalancesData.verify|verify} messages.
             * @param message BalancesData message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.BalancesData.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a BalancesData message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.BalancesData & onecard.v1.BalancesData.$Shape} BalancesData
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.BalancesData & onecard.v1.BalancesData.$Shape;
        }

        namespace BalancesData {

            /** Properties of a BalancesData. */
            interface $Properties {

                /** BalancesData upsert */
                upsert?: (onecard.v1.BalanceEntry.$Properties[]|null);

                /** BalancesData removeAccountIds */
                removeAccountIds?: (string[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a BalancesData. */
            type $Shape = onecard.v1.BalancesData.$Properties;
        }

        /**
         * Properties of a BalanceEntry.
         * @deprecated Use onecard.v1.BalanceEntry.$Properties instead.
         */
        interface IBalanceEntry extends onecard.v1.BalanceEntry.$Properties {
        }

        /** Represents a BalanceEntry. */
        class BalanceEntry {

            /**
             * Constructs a new BalanceEntry.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.BalanceEntry.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** BalanceEntry accountId. */
            accountId: string;

            /** BalanceEntry balanceFen. */
            balanceFen: number;

            /** BalanceEntry postedSeq. */
            postedSeq: number;

            /**
             * Creates a new BalanceEntry instance using the specified properties.
             * @param [properties] Properties to set
             * @returns BalanceEntry instance
             */
            static create(properties: onecard.v1.BalanceEntry.$Shape): onecard.v1.BalanceEntry & onecard.v1.BalanceEntry.$Shape;
            static create(properties?: onecard.v1.BalanceEntry.$Properties): onecard.v1.BalanceEntry;

            /**
             * Encodes the specified BalanceEntry message. Does not implicitly {@link onecard.v1.BalanceEntry.verify|verify} messages.
             * @param message BalanceEntry message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.BalanceEntry.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a BalanceEntry message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.BalanceEntry & onecard.v1.BalanceEntry.$Shape} BalanceEntry
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.BalanceEntry & onecard.v1.BalanceEntry.$Shape;
        }

        namespace BalanceEntry {

            /** Properties of a BalanceEntry. */
            interface $Properties {

                /** BalanceEntry accountId */
                accountId?: (string|null);

                /** BalanceEntry balanceFen */
                balanceFen?: (number|null);

                /** BalanceEntry postedSeq */
                postedSeq?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a BalanceEntry. */
            type $Shape = onecard.v1.BalanceEntry.$Properties;
        }

        /**
         * Properties of a TariffsData.
         * @deprecated Use onecard.v1.TariffsData.$Properties instead.
         */
        interface ITariffsData extends onecard.v1.TariffsData.$Properties {
        }

        /** Represents a TariffsData. */
        class TariffsData {

            /**
             * Constructs a new TariffsData.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.TariffsData.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** TariffsData upsert. */
            upsert: onecard.v1.Tariff.$Properties[];

            /** TariffsData removeTariffIds. */
            removeTariffIds: string[];

            /**
             * Creates a new TariffsData instance using the specified properties.
             * @param [properties] Properties to set
             * @returns TariffsData instance
             */
            static create(properties: onecard.v1.TariffsData.$Shape): onecard.v1.TariffsData & onecard.v1.TariffsData.$Shape;
            static create(properties?: onecard.v1.TariffsData.$Properties): onecard.v1.TariffsData;

            /**
             * Encodes the specified TariffsData message. Does not implicitly {@link onecard.v1.TariffsData.verify|verify} messages.
             * @param message TariffsData message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.TariffsData.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a TariffsData message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.TariffsData & onecard.v1.TariffsData.$Shape} TariffsData
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.TariffsData & onecard.v1.TariffsData.$Shape;
        }

        namespace TariffsData {

            /** Properties of a TariffsData. */
            interface $Properties {

                /** TariffsData upsert */
                upsert?: (onecard.v1.Tariff.$Properties[]|null);

                /** TariffsData removeTariffIds */
                removeTariffIds?: (string[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a TariffsData. */
            type $Shape = onecard.v1.TariffsData.$Properties;
        }

        /** TariffBasis enum. */
        enum TariffBasis {

            /** TARIFF_BASIS_UNSPECIFIED value */
            TARIFF_BASIS_UNSPECIFIED = 0,

            /** TARIFF_BASIS_PER_LITRE value */
            TARIFF_BASIS_PER_LITRE = 1,

            /** TARIFF_BASIS_PER_SECOND value */
            TARIFF_BASIS_PER_SECOND = 2,

            /** TARIFF_BASIS_PER_KWH value */
            TARIFF_BASIS_PER_KWH = 3
        }

        /**
         * Properties of a Tariff.
         * @deprecated Use onecard.v1.Tariff.$Properties instead.
         */
        interface ITariff extends onecard.v1.Tariff.$Properties {
        }

        /** Represents a Tariff. */
        class Tariff {

            /**
             * Constructs a new Tariff.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.Tariff.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Tariff tariffId. */
            tariffId: string;

            /** Tariff basis. */
            basis: onecard.v1.TariffBasis;

            /** Tariff priceMillifen. */
            priceMillifen: number;

            /** Tariff bands. */
            bands: onecard.v1.TariffBand.$Properties[];

            /** Tariff minimumChargeFen. */
            minimumChargeFen: number;

            /** Tariff maxSessionMs. */
            maxSessionMs: number;

            /** Tariff maxSessionCostFen. */
            maxSessionCostFen: number;

            /** Tariff freeEnergyWhPerMonth. */
            freeEnergyWhPerMonth: number;

            /** Tariff fallbackPriceMillifenPerSecond. */
            fallbackPriceMillifenPerSecond: number;

            /**
             * Creates a new Tariff instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Tariff instance
             */
            static create(properties: onecard.v1.Tariff.$Shape): onecard.v1.Tariff & onecard.v1.Tariff.$Shape;
            static create(properties?: onecard.v1.Tariff.$Properties): onecard.v1.Tariff;

            /**
             * Encodes the specified Tariff message. Does not implicitly {@link onecard.v1.Tariff.verify|verify} messages.
             * @param message Tariff message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.Tariff.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Tariff message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.Tariff & onecard.v1.Tariff.$Shape} Tariff
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.Tariff & onecard.v1.Tariff.$Shape;
        }

        namespace Tariff {

            /** Properties of a Tariff. */
            interface $Properties {

                /** Tariff tariffId */
                tariffId?: (string|null);

                /** Tariff basis */
                basis?: (onecard.v1.TariffBasis|null);

                /** Tariff priceMillifen */
                priceMillifen?: (number|null);

                /** Tariff bands */
                bands?: (onecard.v1.TariffBand.$Properties[]|null);

                /** Tariff minimumChargeFen */
                minimumChargeFen?: (number|null);

                /** Tariff maxSessionMs */
                maxSessionMs?: (number|null);

                /** Tariff maxSessionCostFen */
                maxSessionCostFen?: (number|null);

                /** Tariff freeEnergyWhPerMonth */
                freeEnergyWhPerMonth?: (number|null);

                /** Tariff fallbackPriceMillifenPerSecond */
                fallbackPriceMillifenPerSecond?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Tariff. */
            type $Shape = onecard.v1.Tariff.$Properties;
        }

        /**
         * Properties of a TariffBand.
         * @deprecated Use onecard.v1.TariffBand.$Properties instead.
         */
        interface ITariffBand extends onecard.v1.TariffBand.$Properties {
        }

        /** Represents a TariffBand. */
        class TariffBand {

            /**
             * Constructs a new TariffBand.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.TariffBand.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** TariffBand startMinute. */
            startMinute: number;

            /** TariffBand endMinute. */
            endMinute: number;

            /** TariffBand priceMillifen. */
            priceMillifen: number;

            /**
             * Creates a new TariffBand instance using the specified properties.
             * @param [properties] Properties to set
             * @returns TariffBand instance
             */
            static create(properties: onecard.v1.TariffBand.$Shape): onecard.v1.TariffBand & onecard.v1.TariffBand.$Shape;
            static create(properties?: onecard.v1.TariffBand.$Properties): onecard.v1.TariffBand;

            /**
             * Encodes the specified TariffBand message. Does not implicitly {@link onecard.v1.TariffBand.verify|verify} messages.
             * @param message TariffBand message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.TariffBand.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a TariffBand message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.TariffBand & onecard.v1.TariffBand.$Shape} TariffBand
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.TariffBand & onecard.v1.TariffBand.$Shape;
        }

        namespace TariffBand {

            /** Properties of a TariffBand. */
            interface $Properties {

                /** TariffBand startMinute */
                startMinute?: (number|null);

                /** TariffBand endMinute */
                endMinute?: (number|null);

                /** TariffBand priceMillifen */
                priceMillifen?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a TariffBand. */
            type $Shape = onecard.v1.TariffBand.$Properties;
        }

        /**
         * Properties of a SchedulesData.
         * @deprecated Use onecard.v1.SchedulesData.$Properties instead.
         */
        interface ISchedulesData extends onecard.v1.SchedulesData.$Properties {
        }

        /** Represents a SchedulesData. */
        class SchedulesData {

            /**
             * Constructs a new SchedulesData.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.SchedulesData.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** SchedulesData upsert. */
            upsert: onecard.v1.Schedule.$Properties[];

            /** SchedulesData removeScheduleIds. */
            removeScheduleIds: string[];

            /** SchedulesData addHolidays. */
            addHolidays: string[];

            /** SchedulesData removeHolidays. */
            removeHolidays: string[];

            /**
             * Creates a new SchedulesData instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SchedulesData instance
             */
            static create(properties: onecard.v1.SchedulesData.$Shape): onecard.v1.SchedulesData & onecard.v1.SchedulesData.$Shape;
            static create(properties?: onecard.v1.SchedulesData.$Properties): onecard.v1.SchedulesData;

            /**
             * Encodes the specified SchedulesData message. Does not implicitly {@link onecard.v1.SchedulesData.verify|verify} messages.
             * @param message SchedulesData message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.SchedulesData.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SchedulesData message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.SchedulesData & onecard.v1.SchedulesData.$Shape} SchedulesData
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.SchedulesData & onecard.v1.SchedulesData.$Shape;
        }

        namespace SchedulesData {

            /** Properties of a SchedulesData. */
            interface $Properties {

                /** SchedulesData upsert */
                upsert?: (onecard.v1.Schedule.$Properties[]|null);

                /** SchedulesData removeScheduleIds */
                removeScheduleIds?: (string[]|null);

                /** SchedulesData addHolidays */
                addHolidays?: (string[]|null);

                /** SchedulesData removeHolidays */
                removeHolidays?: (string[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SchedulesData. */
            type $Shape = onecard.v1.SchedulesData.$Properties;
        }

        /**
         * Properties of a Schedule.
         * @deprecated Use onecard.v1.Schedule.$Properties instead.
         */
        interface ISchedule extends onecard.v1.Schedule.$Properties {
        }

        /** Represents a Schedule. */
        class Schedule {

            /**
             * Constructs a new Schedule.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.Schedule.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Schedule scheduleId. */
            scheduleId: string;

            /** Schedule periods. */
            periods: onecard.v1.SchedulePeriod.$Properties[];

            /** Schedule holidayPeriods. */
            holidayPeriods: onecard.v1.SchedulePeriod.$Properties[];

            /**
             * Creates a new Schedule instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Schedule instance
             */
            static create(properties: onecard.v1.Schedule.$Shape): onecard.v1.Schedule & onecard.v1.Schedule.$Shape;
            static create(properties?: onecard.v1.Schedule.$Properties): onecard.v1.Schedule;

            /**
             * Encodes the specified Schedule message. Does not implicitly {@link onecard.v1.Schedule.verify|verify} messages.
             * @param message Schedule message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.Schedule.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Schedule message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.Schedule & onecard.v1.Schedule.$Shape} Schedule
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.Schedule & onecard.v1.Schedule.$Shape;
        }

        namespace Schedule {

            /** Properties of a Schedule. */
            interface $Properties {

                /** Schedule scheduleId */
                scheduleId?: (string|null);

                /** Schedule periods */
                periods?: (onecard.v1.SchedulePeriod.$Properties[]|null);

                /** Schedule holidayPeriods */
                holidayPeriods?: (onecard.v1.SchedulePeriod.$Properties[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Schedule. */
            type $Shape = onecard.v1.Schedule.$Properties;
        }

        /**
         * Properties of a SchedulePeriod.
         * @deprecated Use onecard.v1.SchedulePeriod.$Properties instead.
         */
        interface ISchedulePeriod extends onecard.v1.SchedulePeriod.$Properties {
        }

        /** Represents a SchedulePeriod. */
        class SchedulePeriod {

            /**
             * Constructs a new SchedulePeriod.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.SchedulePeriod.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** SchedulePeriod daysMask. */
            daysMask: number;

            /** SchedulePeriod startMinute. */
            startMinute: number;

            /** SchedulePeriod endMinute. */
            endMinute: number;

            /**
             * Creates a new SchedulePeriod instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SchedulePeriod instance
             */
            static create(properties: onecard.v1.SchedulePeriod.$Shape): onecard.v1.SchedulePeriod & onecard.v1.SchedulePeriod.$Shape;
            static create(properties?: onecard.v1.SchedulePeriod.$Properties): onecard.v1.SchedulePeriod;

            /**
             * Encodes the specified SchedulePeriod message. Does not implicitly {@link onecard.v1.SchedulePeriod.verify|verify} messages.
             * @param message SchedulePeriod message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.SchedulePeriod.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SchedulePeriod message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.SchedulePeriod & onecard.v1.SchedulePeriod.$Shape} SchedulePeriod
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.SchedulePeriod & onecard.v1.SchedulePeriod.$Shape;
        }

        namespace SchedulePeriod {

            /** Properties of a SchedulePeriod. */
            interface $Properties {

                /** SchedulePeriod daysMask */
                daysMask?: (number|null);

                /** SchedulePeriod startMinute */
                startMinute?: (number|null);

                /** SchedulePeriod endMinute */
                endMinute?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SchedulePeriod. */
            type $Shape = onecard.v1.SchedulePeriod.$Properties;
        }

        /**
         * Properties of a CardsData.
         * @deprecated Use onecard.v1.CardsData.$Properties instead.
         */
        interface ICardsData extends onecard.v1.CardsData.$Properties {
        }

        /** Represents a CardsData. */
        class CardsData {

            /**
             * Constructs a new CardsData.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.CardsData.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** CardsData upsert. */
            upsert: onecard.v1.CardEntry.$Properties[];

            /** CardsData removeCardUids. */
            removeCardUids: string[];

            /**
             * Creates a new CardsData instance using the specified properties.
             * @param [properties] Properties to set
             * @returns CardsData instance
             */
            static create(properties: onecard.v1.CardsData.$Shape): onecard.v1.CardsData & onecard.v1.CardsData.$Shape;
            static create(properties?: onecard.v1.CardsData.$Properties): onecard.v1.CardsData;

            /**
             * Encodes the specified CardsData message. Does not implicitly {@link onecard.v1.CardsData.verify|verify} messages.
             * @param message CardsData message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.CardsData.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a CardsData message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.CardsData & onecard.v1.CardsData.$Shape} CardsData
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.CardsData & onecard.v1.CardsData.$Shape;
        }

        namespace CardsData {

            /** Properties of a CardsData. */
            interface $Properties {

                /** CardsData upsert */
                upsert?: (onecard.v1.CardEntry.$Properties[]|null);

                /** CardsData removeCardUids */
                removeCardUids?: (string[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a CardsData. */
            type $Shape = onecard.v1.CardsData.$Properties;
        }

        /**
         * Properties of a CardEntry.
         * @deprecated Use onecard.v1.CardEntry.$Properties instead.
         */
        interface ICardEntry extends onecard.v1.CardEntry.$Properties {
        }

        /** Represents a CardEntry. */
        class CardEntry {

            /**
             * Constructs a new CardEntry.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.CardEntry.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** CardEntry cardUid. */
            cardUid: string;

            /** CardEntry personId. */
            personId: string;

            /** CardEntry personType. */
            personType: string;

            /** CardEntry validFromUnixMs. */
            validFromUnixMs: number;

            /** CardEntry validUntilUnixMs. */
            validUntilUnixMs: number;

            /** CardEntry groups. */
            groups: string[];

            /** CardEntry accountId. */
            accountId: string;

            /** CardEntry dailyLimitFen. */
            dailyLimitFen: number;

            /** CardEntry offlineDailyLimitFen. */
            offlineDailyLimitFen: number;

            /**
             * Creates a new CardEntry instance using the specified properties.
             * @param [properties] Properties to set
             * @returns CardEntry instance
             */
            static create(properties: onecard.v1.CardEntry.$Shape): onecard.v1.CardEntry & onecard.v1.CardEntry.$Shape;
            static create(properties?: onecard.v1.CardEntry.$Properties): onecard.v1.CardEntry;

            /**
             * Encodes the specified CardEntry message. Does not implicitly {@link onecard.v1.CardEntry.verify|verify} messages.
             * @param message CardEntry message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.CardEntry.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a CardEntry message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.CardEntry & onecard.v1.CardEntry.$Shape} CardEntry
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.CardEntry & onecard.v1.CardEntry.$Shape;
        }

        namespace CardEntry {

            /** Properties of a CardEntry. */
            interface $Properties {

                /** CardEntry cardUid */
                cardUid?: (string|null);

                /** CardEntry personId */
                personId?: (string|null);

                /** CardEntry personType */
                personType?: (string|null);

                /** CardEntry validFromUnixMs */
                validFromUnixMs?: (number|null);

                /** CardEntry validUntilUnixMs */
                validUntilUnixMs?: (number|null);

                /** CardEntry groups */
                groups?: (string[]|null);

                /** CardEntry accountId */
                accountId?: (string|null);

                /** CardEntry dailyLimitFen */
                dailyLimitFen?: (number|null);

                /** CardEntry offlineDailyLimitFen */
                offlineDailyLimitFen?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a CardEntry. */
            type $Shape = onecard.v1.CardEntry.$Properties;
        }

        /**
         * Properties of a DatasetAck.
         * @deprecated Use onecard.v1.DatasetAck.$Properties instead.
         */
        interface IDatasetAck extends onecard.v1.DatasetAck.$Properties {
        }

        /** Represents a DatasetAck. */
        class DatasetAck {

            /**
             * Constructs a new DatasetAck.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.DatasetAck.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** DatasetAck name. */
            name: onecard.v1.DatasetName;

            /** DatasetAck version. */
            version: number;

            /**
             * Creates a new DatasetAck instance using the specified properties.
             * @param [properties] Properties to set
             * @returns DatasetAck instance
             */
            static create(properties: onecard.v1.DatasetAck.$Shape): onecard.v1.DatasetAck & onecard.v1.DatasetAck.$Shape;
            static create(properties?: onecard.v1.DatasetAck.$Properties): onecard.v1.DatasetAck;

            /**
             * Encodes the specified DatasetAck message. Does not implicitly {@link onecard.v1.DatasetAck.verify|verify} messages.
             * @param message DatasetAck message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.DatasetAck.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a DatasetAck message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.DatasetAck & onecard.v1.DatasetAck.$Shape} DatasetAck
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.DatasetAck & onecard.v1.DatasetAck.$Shape;
        }

        namespace DatasetAck {

            /** Properties of a DatasetAck. */
            interface $Properties {

                /** DatasetAck name */
                name?: (onecard.v1.DatasetName|null);

                /** DatasetAck version */
                version?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a DatasetAck. */
            type $Shape = onecard.v1.DatasetAck.$Properties;
        }

        /**
         * Properties of a Command.
         * @deprecated Use onecard.v1.Command.$Properties instead.
         */
        interface ICommand extends onecard.v1.Command.$Properties {
        }

        /** Represents a Command. */
        class Command {

            /**
             * Constructs a new Command.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.Command.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Command commandId. */
            commandId: string;

            /** Command openDoor. */
            openDoor?: (onecard.v1.OpenDoor.$Properties|null);

            /** Command setOfflineAuthorisation. */
            setOfflineAuthorisation?: (onecard.v1.SetOfflineAuthorisation.$Properties|null);

            /** Command setRoomPower. */
            setRoomPower?: (onecard.v1.SetRoomPower.$Properties|null);

            /** Command runSelfTest. */
            runSelfTest?: (onecard.v1.RunSelfTest.$Properties|null);

            /** Command action. */
            action?: ("openDoor"|"setOfflineAuthorisation"|"setRoomPower"|"runSelfTest");

            /**
             * Creates a new Command instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Command instance
             */
            static create(properties: onecard.v1.Command.$Shape): onecard.v1.Command & onecard.v1.Command.$Shape;
            static create(properties?: onecard.v1.Command.$Properties): onecard.v1.Command;

            /**
             * Encodes the specified Command message. Does not implicitly {@link onecard.v1.Command.verify|verify} messages.
             * @param message Command message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.Command.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Command message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.Command & onecard.v1.Command.$Shape} Command
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.Command & onecard.v1.Command.$Shape;
        }

        namespace Command {

            /** Properties of a Command. */
            interface $Properties {

                /** Command commandId */
                commandId?: (string|null);

                /** Command openDoor */
                openDoor?: (onecard.v1.OpenDoor.$Properties|null);

                /** Command setOfflineAuthorisation */
                setOfflineAuthorisation?: (onecard.v1.SetOfflineAuthorisation.$Properties|null);

                /** Command setRoomPower */
                setRoomPower?: (onecard.v1.SetRoomPower.$Properties|null);

                /** Command runSelfTest */
                runSelfTest?: (onecard.v1.RunSelfTest.$Properties|null);

                /** Command action */
                action?: ("openDoor"|"setOfflineAuthorisation"|"setRoomPower"|"runSelfTest");

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Narrowed shape of a Command. */
            type $Shape = {
              commandId?: string|null;
              openDoor?: onecard.v1.OpenDoor.$Shape|null;
              setOfflineAuthorisation?: onecard.v1.SetOfflineAuthorisation.$Shape|null;
              setRoomPower?: onecard.v1.SetRoomPower.$Shape|null;
              runSelfTest?: onecard.v1.RunSelfTest.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ action?: undefined; openDoor?: null; setOfflineAuthorisation?: null; setRoomPower?: null; runSelfTest?: null }|{ action?: "openDoor"; openDoor: onecard.v1.OpenDoor.$Shape; setOfflineAuthorisation?: null; setRoomPower?: null; runSelfTest?: null }|{ action?: "setOfflineAuthorisation"; openDoor?: null; setOfflineAuthorisation: onecard.v1.SetOfflineAuthorisation.$Shape; setRoomPower?: null; runSelfTest?: null }|{ action?: "setRoomPower"; openDoor?: null; setOfflineAuthorisation?: null; setRoomPower: onecard.v1.SetRoomPower.$Shape; runSelfTest?: null }|{ action?: "runSelfTest"; openDoor?: null; setOfflineAuthorisation?: null; setRoomPower?: null; runSelfTest: onecard.v1.RunSelfTest.$Shape })
            );
        }

        /**
         * Properties of an OpenDoor.
         * @deprecated Use onecard.v1.OpenDoor.$Properties instead.
         */
        interface IOpenDoor extends onecard.v1.OpenDoor.$Properties {
        }

        /** Represents an OpenDoor. */
        class OpenDoor {

            /**
             * Constructs a new OpenDoor.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.OpenDoor.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** OpenDoor pointId. */
            pointId: string;

            /**
             * Creates a new OpenDoor instance using the specified properties.
             * @param [properties] Properties to set
             * @returns OpenDoor instance
             */
            static create(properties: onecard.v1.OpenDoor.$Shape): onecard.v1.OpenDoor & onecard.v1.OpenDoor.$Shape;
            static create(properties?: onecard.v1.OpenDoor.$Properties): onecard.v1.OpenDoor;

            /**
             * Encodes the specified OpenDoor message. Does not implicitly {@link onecard.v1.OpenDoor.verify|verify} messages.
             * @param message OpenDoor message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.OpenDoor.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an OpenDoor message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.OpenDoor & onecard.v1.OpenDoor.$Shape} OpenDoor
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.OpenDoor & onecard.v1.OpenDoor.$Shape;
        }

        namespace OpenDoor {

            /** Properties of an OpenDoor. */
            interface $Properties {

                /** OpenDoor pointId */
                pointId?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an OpenDoor. */
            type $Shape = onecard.v1.OpenDoor.$Properties;
        }

        /**
         * Properties of a SetOfflineAuthorisation.
         * @deprecated Use onecard.v1.SetOfflineAuthorisation.$Properties instead.
         */
        interface ISetOfflineAuthorisation extends onecard.v1.SetOfflineAuthorisation.$Properties {
        }

        /** Represents a SetOfflineAuthorisation. */
        class SetOfflineAuthorisation {

            /**
             * Constructs a new SetOfflineAuthorisation.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.SetOfflineAuthorisation.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** SetOfflineAuthorisation untilUnixMs. */
            untilUnixMs: number;

            /**
             * Creates a new SetOfflineAuthorisation instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SetOfflineAuthorisation instance
             */
            static create(properties: onecard.v1.SetOfflineAuthorisation.$Shape): onecard.v1.SetOfflineAuthorisation & onecard.v1.SetOfflineAuthorisation.$Shape;
            static create(properties?: onecard.v1.SetOfflineAuthorisation.$Properties): onecard.v1.SetOfflineAuthorisation;

            /**
             * Encodes the specified SetOfflineAuthorisation message. Does not implicitly {@link onecard.v1.SetOfflineAuthorisation.verify|verify} messages.
             * @param message SetOfflineAuthorisation message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.SetOfflineAuthorisation.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SetOfflineAuthorisation message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.SetOfflineAuthorisation & onecard.v1.SetOfflineAuthorisation.$Shape} SetOfflineAuthorisation
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.SetOfflineAuthorisation & onecard.v1.SetOfflineAuthorisation.$Shape;
        }

        namespace SetOfflineAuthorisation {

            /** Properties of a SetOfflineAuthorisation. */
            interface $Properties {

                /** SetOfflineAuthorisation untilUnixMs */
                untilUnixMs?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SetOfflineAuthorisation. */
            type $Shape = onecard.v1.SetOfflineAuthorisation.$Properties;
        }

        /**
         * Properties of a SetRoomPower.
         * @deprecated Use onecard.v1.SetRoomPower.$Properties instead.
         */
        interface ISetRoomPower extends onecard.v1.SetRoomPower.$Properties {
        }

        /** Represents a SetRoomPower. */
        class SetRoomPower {

            /**
             * Constructs a new SetRoomPower.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.SetRoomPower.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** SetRoomPower pointId. */
            pointId: string;

            /** SetRoomPower on. */
            on: boolean;

            /** SetRoomPower overrideUntilUnixMs. */
            overrideUntilUnixMs: number;

            /**
             * Creates a new SetRoomPower instance using the specified properties.
             * @param [properties] Properties to set
             * @returns SetRoomPower instance
             */
            static create(properties: onecard.v1.SetRoomPower.$Shape): onecard.v1.SetRoomPower & onecard.v1.SetRoomPower.$Shape;
            static create(properties?: onecard.v1.SetRoomPower.$Properties): onecard.v1.SetRoomPower;

            /**
             * Encodes the specified SetRoomPower message. Does not implicitly {@link onecard.v1.SetRoomPower.verify|verify} messages.
             * @param message SetRoomPower message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.SetRoomPower.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a SetRoomPower message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.SetRoomPower & onecard.v1.SetRoomPower.$Shape} SetRoomPower
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.SetRoomPower & onecard.v1.SetRoomPower.$Shape;
        }

        namespace SetRoomPower {

            /** Properties of a SetRoomPower. */
            interface $Properties {

                /** SetRoomPower pointId */
                pointId?: (string|null);

                /** SetRoomPower on */
                on?: (boolean|null);

                /** SetRoomPower overrideUntilUnixMs */
                overrideUntilUnixMs?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a SetRoomPower. */
            type $Shape = onecard.v1.SetRoomPower.$Properties;
        }

        /**
         * Properties of a RunSelfTest.
         * @deprecated Use onecard.v1.RunSelfTest.$Properties instead.
         */
        interface IRunSelfTest extends onecard.v1.RunSelfTest.$Properties {
        }

        /** Represents a RunSelfTest. */
        class RunSelfTest {

            /**
             * Constructs a new RunSelfTest.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.RunSelfTest.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** RunSelfTest only. */
            only: string[];

            /**
             * Creates a new RunSelfTest instance using the specified properties.
             * @param [properties] Properties to set
             * @returns RunSelfTest instance
             */
            static create(properties: onecard.v1.RunSelfTest.$Shape): onecard.v1.RunSelfTest & onecard.v1.RunSelfTest.$Shape;
            static create(properties?: onecard.v1.RunSelfTest.$Properties): onecard.v1.RunSelfTest;

            /**
             * Encodes the specified RunSelfTest message. Does not implicitly {@link onecard.v1.RunSelfTest.verify|verify} messages.
             * @param message RunSelfTest message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.RunSelfTest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a RunSelfTest message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.RunSelfTest & onecard.v1.RunSelfTest.$Shape} RunSelfTest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.RunSelfTest & onecard.v1.RunSelfTest.$Shape;
        }

        namespace RunSelfTest {

            /** Properties of a RunSelfTest. */
            interface $Properties {

                /** RunSelfTest only */
                only?: (string[]|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a RunSelfTest. */
            type $Shape = onecard.v1.RunSelfTest.$Properties;
        }

        /** CommandStatus enum. */
        enum CommandStatus {

            /** COMMAND_STATUS_UNSPECIFIED value */
            COMMAND_STATUS_UNSPECIFIED = 0,

            /** COMMAND_STATUS_DONE value */
            COMMAND_STATUS_DONE = 1,

            /** COMMAND_STATUS_FAILED value */
            COMMAND_STATUS_FAILED = 2,

            /** COMMAND_STATUS_UNSUPPORTED value */
            COMMAND_STATUS_UNSUPPORTED = 3
        }

        /**
         * Properties of a CommandResult.
         * @deprecated Use onecard.v1.CommandResult.$Properties instead.
         */
        interface ICommandResult extends onecard.v1.CommandResult.$Properties {
        }

        /** Represents a CommandResult. */
        class CommandResult {

            /**
             * Constructs a new CommandResult.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.CommandResult.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** CommandResult commandId. */
            commandId: string;

            /** CommandResult status. */
            status: onecard.v1.CommandStatus;

            /** CommandResult detail. */
            detail: string;

            /**
             * Creates a new CommandResult instance using the specified properties.
             * @param [properties] Properties to set
             * @returns CommandResult instance
             */
            static create(properties: onecard.v1.CommandResult.$Shape): onecard.v1.CommandResult & onecard.v1.CommandResult.$Shape;
            static create(properties?: onecard.v1.CommandResult.$Properties): onecard.v1.CommandResult;

            /**
             * Encodes the specified CommandResult message. Does not implicitly {@link onecard.v1.CommandResult.verify|verify} messages.
             * @param message CommandResult message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.CommandResult.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a CommandResult message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.CommandResult & onecard.v1.CommandResult.$Shape} CommandResult
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.CommandResult & onecard.v1.CommandResult.$Shape;
        }

        namespace CommandResult {

            /** Properties of a CommandResult. */
            interface $Properties {

                /** CommandResult commandId */
                commandId?: (string|null);

                /** CommandResult status */
                status?: (onecard.v1.CommandStatus|null);

                /** CommandResult detail */
                detail?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a CommandResult. */
            type $Shape = onecard.v1.CommandResult.$Properties;
        }

        /**
         * Properties of a Heartbeat.
         * @deprecated Use onecard.v1.Heartbeat.$Properties instead.
         */
        interface IHeartbeat extends onecard.v1.Heartbeat.$Properties {
        }

        /** Represents a Heartbeat. */
        class Heartbeat {

            /**
             * Constructs a new Heartbeat.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.Heartbeat.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Heartbeat timeUnixMs. */
            timeUnixMs: number;

            /**
             * Creates a new Heartbeat instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Heartbeat instance
             */
            static create(properties: onecard.v1.Heartbeat.$Shape): onecard.v1.Heartbeat & onecard.v1.Heartbeat.$Shape;
            static create(properties?: onecard.v1.Heartbeat.$Properties): onecard.v1.Heartbeat;

            /**
             * Encodes the specified Heartbeat message. Does not implicitly {@link onecard.v1.Heartbeat.verify|verify} messages.
             * @param message Heartbeat message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.Heartbeat.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes a Heartbeat message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.Heartbeat & onecard.v1.Heartbeat.$Shape} Heartbeat
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.Heartbeat & onecard.v1.Heartbeat.$Shape;
        }

        namespace Heartbeat {

            /** Properties of a Heartbeat. */
            interface $Properties {

                /** Heartbeat timeUnixMs */
                timeUnixMs?: (number|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of a Heartbeat. */
            type $Shape = onecard.v1.Heartbeat.$Properties;
        }

        /** ErrorCode enum. */
        enum ErrorCode {

            /** ERROR_CODE_UNSPECIFIED value */
            ERROR_CODE_UNSPECIFIED = 0,

            /** ERROR_CODE_MALFORMED_FRAME value */
            ERROR_CODE_MALFORMED_FRAME = 1,

            /** ERROR_CODE_FRAME_TOO_LARGE value */
            ERROR_CODE_FRAME_TOO_LARGE = 2,

            /** ERROR_CODE_UNEXPECTED_MESSAGE value */
            ERROR_CODE_UNEXPECTED_MESSAGE = 3,

            /** ERROR_CODE_AUTH_FAILED value */
            ERROR_CODE_AUTH_FAILED = 4,

            /** ERROR_CODE_AUTH_TIMEOUT value */
            ERROR_CODE_AUTH_TIMEOUT = 5,

            /** ERROR_CODE_INVALID_EVENT value */
            ERROR_CODE_INVALID_EVENT = 6,

            /** ERROR_CODE_HEARTBEAT_TIMEOUT value */
            ERROR_CODE_HEARTBEAT_TIMEOUT = 7,

            /** ERROR_CODE_SUPERSEDED value */
            ERROR_CODE_SUPERSEDED = 8,

            /** ERROR_CODE_UNSUPPORTED_PROTOCOL value */
            ERROR_CODE_UNSUPPORTED_PROTOCOL = 9,

            /** ERROR_CODE_INTERNAL value */
            ERROR_CODE_INTERNAL = 10
        }

        /**
         * Properties of an Error.
         * @deprecated Use onecard.v1.Error.$Properties instead.
         */
        interface IError extends onecard.v1.Error.$Properties {
        }

        /** Represents an Error. */
        class Error {

            /**
             * Constructs a new Error.
             * @param [properties] Properties to set
             */
            constructor(properties?: onecard.v1.Error.$Properties);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];

            /** Error code. */
            code: onecard.v1.ErrorCode;

            /** Error message. */
            message: string;

            /**
             * Creates a new Error instance using the specified properties.
             * @param [properties] Properties to set
             * @returns Error instance
             */
            static create(properties: onecard.v1.Error.$Shape): onecard.v1.Error & onecard.v1.Error.$Shape;
            static create(properties?: onecard.v1.Error.$Properties): onecard.v1.Error;

            /**
             * Encodes the specified Error message. Does not implicitly {@link onecard.v1.Error.verify|verify} messages.
             * @param message Error message or plain object to encode
             * @param [writer] Writer to encode to
             * @returns Writer
             */
            static encode(message: onecard.v1.Error.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

            /**
             * Decodes an Error message from the specified reader or buffer.
             * @param reader Reader or buffer to decode from
             * @param [length] Message length if known beforehand
             * @returns {onecard.v1.Error & onecard.v1.Error.$Shape} Error
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): onecard.v1.Error & onecard.v1.Error.$Shape;
        }

        namespace Error {

            /** Properties of an Error. */
            interface $Properties {

                /** Error code */
                code?: (onecard.v1.ErrorCode|null);

                /** Error message */
                message?: (string|null);

                /** Unknown fields preserved while decoding when enabled */
                $unknowns?: Uint8Array[];
            }

            /** Shape of an Error. */
            type $Shape = onecard.v1.Error.$Properties;
        }
    }
}
