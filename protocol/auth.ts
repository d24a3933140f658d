/**
 * Device authentication: each device holds an Ed25519 private key; the hub stores only the public
 * key (SPKI DER, base64) and verifies a signature over a fresh hub nonce bound to the device id.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

const CONTEXT = Buffer.from('onecard/v1 device-auth\0', 'utf8');

/** The exact bytes a device signs: context, device id, a zero byte, then the nonce. */
export function authMessage(deviceId: string, nonce: Uint8Array): Buffer {
  return Buffer.concat([CONTEXT, Buffer.from(deviceId, 'utf8'), Buffer.from([0]), nonce]);
}

export interface DeviceKeyPair {
  /** PKCS#8 PEM, kept on the device only. */
  privateKeyPem: string;
  /** SPKI DER in base64, registered at the hub. */
  publicKeyBase64: string;
}

export function generateDeviceKeyPair(): DeviceKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKeyBase64: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
  };
}

export function publicKeyOf(privateKeyPem: string): string {
  return createPublicKey(createPrivateKey(privateKeyPem)).export({ format: 'der', type: 'spki' }).toString('base64');
}

/** Parses a registered public key; returns an error text naming what is wrong instead of throwing. */
export function parsePublicKey(base64: string): { ok: true; key: KeyObject } | { ok: false; message: string } {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return { ok: false, message: 'not base64' };
  try {
    const key = createPublicKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ed25519') return { ok: false, message: `a ${key.asymmetricKeyType} key, not ed25519` };
    return { ok: true, key };
  } catch (err) {
    return { ok: false, message: `not an SPKI DER public key (${(err as Error).message})` };
  }
}

export function loadPrivateKey(pem: string): KeyObject {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`device key is ${key.asymmetricKeyType}, expected ed25519`);
  return key;
}

export function signChallenge(privateKey: KeyObject, deviceId: string, nonce: Uint8Array): Buffer {
  return sign(null, authMessage(deviceId, nonce), privateKey);
}

export function verifyChallenge(publicKey: KeyObject, deviceId: string, nonce: Uint8Array, signature: Uint8Array): boolean {
  try {
    return verify(null, authMessage(deviceId, nonce), publicKey, signature);
  } catch {
    return false;
  }
}
