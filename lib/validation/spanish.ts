import { z } from 'zod';

/**
 * Zod's own messages (a wrong type, a missing field) in Spanish, so even a message no schema
 * spelled out never reaches a patient or the staff in English. Imported by every schema module,
 * on the server and in the browser bundles alike.
 */
z.config(z.locales.es());
