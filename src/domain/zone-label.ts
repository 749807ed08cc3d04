/**
 * What a dateline's zone abbreviation means. Abbreviations name fixed offsets (CET is +01:00, CEST +02:00),
 * so they convert exactly; the site's own label is resolved by the caller to its IANA zone instead.
 */
const FIXED_OFFSETS_MINUTES: Record<string, number> = {
  UTC: 0,
  GMT: 0,
  Z: 0,
  JST: 540,
  KST: 540,
  HKT: 480,
  SGT: 480,
  PHT: 480,
  AWST: 480,
  ICT: 420,
  WIB: 420,
  IST: 330,
  PKT: 300,
  MSK: 180,
  EET: 120,
  EEST: 180,
  CET: 60,
  CEST: 120,
  WET: 0,
  WEST: 60,
  BST: 60,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  AEST: 600,
  AEDT: 660,
  ACST: 570,
  ACDT: 630,
  NZST: 720,
  NZDT: 780,
};

export const fixedOffsetOf = (label: string): number | undefined => FIXED_OFFSETS_MINUTES[label];

export const knownZoneLabels = (): string[] => Object.keys(FIXED_OFFSETS_MINUTES);
