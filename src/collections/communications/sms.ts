/*
 * SMS length in segments (3GPP TS 23.038): text wholly in the GSM 7-bit alphabet takes 160 characters in one segment
 * and 153 per segment once concatenated, extension characters (€, [, ], {, }, …) counting two; any other character
 * makes the whole message UCS-2: 70 in one segment, 67 per segment concatenated (UTF-16 code units).
 */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENSION = new Set('^{}\\[~]|€\f');

/** The most segments a message may take. */
export const MAX_SMS_SEGMENTS = 2;

export function smsSegments(text: string): number {
  let septets = 0;
  let gsm = true;
  for (const char of text) {
    if (GSM_BASIC.has(char)) septets += 1;
    else if (GSM_EXTENSION.has(char)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return septets <= 160 ? 1 : Math.ceil(septets / 153);
  const units = text.length;
  return units <= 70 ? 1 : Math.ceil(units / 67);
}
