// Each line marked @expect-error must fail `tsc --strict` (tests/js/package.mjs counts them):
// proof that the published types catch misuse rather than accept anything.
import { parseCccd, CccdVerifyError, type CccdCard } from 'cccd-verify';

// @expect-error: input must be a string or a Uint8Array
parseCccd(42);
// @expect-error: lang is 'en' | 'vi'
parseCccd('x', { lang: 'fr' });

declare const card: CccdCard;
// @expect-error: expiry.date exists only when expiry.kind === 'date'
export const d: string = card.expiry.date;
// @expect-error: assurance is always 'unsigned'
export const signed: boolean = card.assurance === 'signed';

declare const err: CccdVerifyError;
// @expect-error: not one of the error codes
export const bogus: boolean = err.code === 'ERR_BOGUS';
// @expect-error: params are typed per code (ERR_INPUT_TOO_LARGE has numbers `len` and `max`)
export const len: string = err.code === 'ERR_INPUT_TOO_LARGE' ? err.params.len : '';
// @expect-error: without narrowing on the code, `params` has no `len`
export const unnarrowed: number = err.params.len;

import { CameraScanner } from 'cccd-verify/scan';
import { verifySdJwtVc } from 'cccd-verify';
declare const scanner: CameraScanner;
// @expect-error: torchOn is read-only: setTorch() changes it
scanner.torchOn = true;
// @expect-error: the status policy is 'enforce' | 'required' | 'report'
verifySdJwtVc('x', { trust: { anchors: ['x'] }, keyBinding: null, status: 'ignore' });

import type { CccdScannerElement } from 'cccd-verify/scan/element';
declare const scannerEl: CccdScannerElement;
// @expect-error: not an event of <cccd-scanner>
scannerEl.addEventListener('crad', () => {});
// @expect-error: an `error` event's detail is a CccdVerifyError, not a scan result
scannerEl.addEventListener('error', (e) => console.log(e.detail.card));

import { createCredentialRequest, verifyCredentialResponse } from 'cccd-verify';
// @expect-error: protocols is a list of the two protocol names
createCredentialRequest({ protocols: ['openid4vp'], origin: 'https://a.example' });
// @expect-error: the state is the JSON text createCredentialRequest returned
verifyCredentialResponse({ protocol: 'org-iso-mdoc', data: {} }, { v: 1 }, { trust: {} });

declare const scanner2: CameraScanner;
// @expect-error: not an event of CameraScanner
scanner2.addEventListener('crad', () => {});

import type { ErrorOf } from 'cccd-verify';
declare const mrzErr: ErrorOf<'parseMrz'>;
// @expect-error: parseMrz never throws a certificate error (its union is ThrownBy['parseMrz'])
export const certCode: boolean = mrzErr.code === 'ERR_CERT_EXPIRED';

declare const kbErr: ErrorOf<'verifySdJwtVc'>;
// @expect-error: ERR_KB_IAT's params.iat is a number
export const iatText: string = kbErr.code === 'ERR_KB_IAT' ? kbErr.params.iat : '';

interface PidClaims { given_name: string; birthdate?: string }
declare const pidVc: import('cccd-verify').VerifiedSdJwtVcOf<PidClaims>;
// @expect-error: claims are typed by the generic: given_name is a string
export const givenNameNumber: number = pidVc.claims.given_name;

import type { NowInput } from 'cccd-verify';
// @expect-error: `now` is a NowInput (Date, RFC 3339 text, Unix seconds), not a boolean
parseCccd('x', { now: true });
// @expect-error: not even through the shared type
export const nowFlag: NowInput = false;
