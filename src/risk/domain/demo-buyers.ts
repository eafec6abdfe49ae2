// Decision: the demo set uses the seed's three Swedish identifiers (buyer 5567104046, sellers 5591293013 and
// 5567549125) with invented names; the other identifiers are invented and pass their country's check digit.
import type { Buyer } from './buyer.js';

export const DEMO_BUYERS: readonly Buyer[] = [
  { country: 'SE', registryId: '5567104046', name: 'Exempel Grossist AB', rating: 4 },
  { country: 'SE', registryId: '5591293013', name: 'Hello Credable Handel AB', rating: 3 },
  { country: 'SE', registryId: '5567549125', name: 'Fakturaverket Sverige AB', rating: 2 },
  { country: 'SE', registryId: '5568123458', name: 'Nordljus Bygg AB', rating: 6 },
  { country: 'SE', registryId: '5569345670', name: 'Konkursbo Trähus AB', rating: 10 },
  { country: 'NO', registryId: '987654325', name: 'Fjordlaks Eksport AS', rating: 3 },
  { country: 'DK', registryId: '35123458', name: 'Havnefront Logistik ApS', rating: 5 },
  { country: 'DK', registryId: '29876541', name: 'Bornholm Mejeri A/S', rating: 8 },
  { country: 'FI', registryId: '2345678-0', name: 'Revontuli Teknologia Oy', rating: 1 },
  { country: 'GB', registryId: '09446231', name: 'Thames Components Ltd', rating: 4 },
];
