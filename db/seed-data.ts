/**
 * The demo center of a fresh install ("CENTRO MEDICO DEMO"), taken from the manual's own examples.
 * Credentials here are printed in the README: they are for trying the product, not for production.
 */
export const DEMO_PASSWORD = 'paciente1234';

export const demoSettings = {
  centerName: 'CENTRO MEDICO DEMO',
  homePhrase: 'Para Laboratorio y Rayos presentarse sin turno',
  webAddress: 'http://localhost:3000',
  contactEmail: 'info@centromedicodemo.com.ar',
  contactPhones: '4444-4444',
  contactHours: 'Lunes a Viernes de 10 a 18hs.',
  mailPhrase: 'Recuerde concurrir con su Carnet de Obra Social y su DNI',
  selectionMode: 'specialty' as const,
};

export const demoStaff = [
  { username: 'admin', password: 'admin1234', fullName: 'Administrador', role: 'admin' as const },
  { username: 'recepcion', password: 'recepcion1234', fullName: 'Recepción Mañana', role: 'reception' as const },
];

export const demoSpecialties = [
  { name: 'CARDIOLOGIA', webEnabled: true },
  { name: 'DERMATOLOGIA', webEnabled: true },
  { name: 'GINECOLOGIA', webEnabled: true },
  { name: 'CLINICA MEDICA', webEnabled: true, webName: 'CLÍNICA MÉDICA' },
  { name: 'ECOGRAFIA', webEnabled: true, webName: 'ECOGRAFÍAS' },
  { name: 'KINESIOLOGIA', webEnabled: false },
];

export const demoStudies = [
  { name: 'CONSULTA MEDICA', indication: '' },
  { name: 'ECOGRAFIA ABDOMINAL', indication: 'Presentarse con 8 horas de ayuno.' },
  { name: 'ECOGRAFIA DE TIROIDES', indication: '' },
  { name: 'ECOGRAFIA GINECOLOGICA', indication: 'Concurrir con vejiga llena (tomar 1 litro de agua una hora antes).' },
  { name: 'ELECTROCARDIOGRAMA', indication: '' },
];

export const demoInsurers = [
  { name: 'OSDE', webEnabled: true, generalMessage: 'Atendemos todos los planes de OSDE.', bookingMessage: 'Presente su credencial de OSDE vigente.' },
  { name: 'IOMA', webEnabled: true, generalMessage: 'Requiere autorización previa para estudios.', bookingMessage: 'Recuerde traer la orden autorizada por IOMA.' },
  { name: 'PAMI', webEnabled: true, generalMessage: 'Solo consultas con orden del médico de cabecera.', bookingMessage: 'Traiga la orden de derivación de su médico de cabecera.' },
  { name: 'SWISS MEDICAL', webEnabled: true, generalMessage: '', bookingMessage: '' },
  { name: 'GALENO', webEnabled: true, generalMessage: '', bookingMessage: '' },
  { name: 'UOCRA', webEnabled: false, generalMessage: '', bookingMessage: '' },
  { name: 'PARTICULAR', webEnabled: true, generalMessage: 'Consulte los valores en recepción.', bookingMessage: '' },
  { name: 'OBRA SOCIAL ANTERIOR', webEnabled: false, active: false, generalMessage: '', bookingMessage: '' },
];

type Block = { weekdays: number[]; start: string; end: string; slotMinutes: number; specialty?: string; study?: string };

export const demoProfessionals: Array<{
  lastName: string;
  firstName: string;
  license: string;
  webEnabled: boolean;
  generalMessage?: string;
  bookingMessage?: string;
  maxDaysAhead?: number;
  specialties: string[];
  studies: string[];
  blocks: Block[];
}> = [
  {
    lastName: 'GONZALEZ', firstName: 'JOSE', license: 'MN 45123', webEnabled: true,
    generalMessage: 'El Dr. González atiende pacientes mayores de 15 años. Traiga sus estudios previos.',
    bookingMessage: 'Si tiene electrocardiogramas anteriores, tráigalos a la consulta.',
    specialties: ['CARDIOLOGIA'], studies: ['CONSULTA MEDICA', 'ELECTROCARDIOGRAMA'],
    blocks: [{ weekdays: [1, 3, 4], start: '08:00', end: '12:00', slotMinutes: 20, specialty: 'CARDIOLOGIA' }],
  },
  {
    lastName: 'JUAREZ', firstName: 'LEONEL', license: 'MN 38990', webEnabled: true,
    specialties: ['CARDIOLOGIA'], studies: ['CONSULTA MEDICA', 'ELECTROCARDIOGRAMA'],
    blocks: [{ weekdays: [2, 4], start: '14:00', end: '18:00', slotMinutes: 20, specialty: 'CARDIOLOGIA' }],
  },
  {
    lastName: 'PEREZ', firstName: 'CARLOS', license: 'MN 51234', webEnabled: true, maxDaysAhead: 60,
    generalMessage: 'Realiza únicamente ecografías abdominales y de tiroides.',
    specialties: ['ECOGRAFIA'], studies: ['ECOGRAFIA ABDOMINAL', 'ECOGRAFIA DE TIROIDES'],
    blocks: [{ weekdays: [1, 2, 3, 4, 5], start: '08:00', end: '11:00', slotMinutes: 15, specialty: 'ECOGRAFIA' }],
  },
  {
    lastName: 'MARTINEZ', firstName: 'LAURA', license: 'MN 47811', webEnabled: true,
    specialties: ['GINECOLOGIA'], studies: ['CONSULTA MEDICA', 'ECOGRAFIA GINECOLOGICA'],
    blocks: [{ weekdays: [1, 5], start: '09:00', end: '13:00', slotMinutes: 20, specialty: 'GINECOLOGIA' }],
  },
  {
    lastName: 'FERNANDEZ', firstName: 'SOFIA', license: 'MN 52007', webEnabled: true,
    specialties: ['DERMATOLOGIA'], studies: ['CONSULTA MEDICA'],
    blocks: [{ weekdays: [2, 3], start: '10:00', end: '14:00', slotMinutes: 30, specialty: 'DERMATOLOGIA' }],
  },
  {
    lastName: 'LOPEZ', firstName: 'PABLO', license: 'MN 33456', webEnabled: false,
    specialties: ['CLINICA MEDICA'], studies: ['CONSULTA MEDICA'],
    blocks: [{ weekdays: [1, 2, 3, 4, 5], start: '16:00', end: '20:00', slotMinutes: 15, specialty: 'CLINICA MEDICA' }],
  },
];

export const demoPatients: Array<{
  dni: string;
  lastName: string;
  firstName: string;
  birthDate: string;
  email: string;
  mobile: string;
  insurer: string;
  memberNumber: string;
  web?: 'active' | 'inactive' | 'disabled';
  disabledObservation?: string;
  /** Starts with no turnos at all (a clean account to try the portal with). */
  noAppointments?: boolean;
}> = [
  { dni: '30111222', lastName: 'PEREZ', firstName: 'JUAN', birthDate: '1983-04-12', email: 'juan.perez@example.com', mobile: '1155551234', insurer: 'OSDE', memberNumber: '61234567801', web: 'active' },
  { dni: '28999888', lastName: 'RODRIGUEZ', firstName: 'MARIA', birthDate: '1951-09-30', email: 'maria.rodriguez@example.com', mobile: '2214567890', insurer: 'IOMA', memberNumber: '1029384756', web: 'active' },
  { dni: '33444555', lastName: 'GARCIA', firstName: 'NATALIA', birthDate: '1988-01-20', email: 'natalia.garcia@example.com', mobile: '1166667777', insurer: 'SWISS MEDICAL', memberNumber: '80011223', web: 'inactive' },
  { dni: '27666777', lastName: 'GOMEZ', firstName: 'ROBERTO', birthDate: '1979-07-02', email: 'roberto.gomez@example.com', mobile: '1144443333', insurer: 'PARTICULAR', memberNumber: '', web: 'disabled', disabledObservation: 'Deshabilitado por inasistencias reiteradas. Comuníquese con el centro.' },
  { dni: '25123456', lastName: 'IBAÑEZ', firstName: 'JUAN MANUEL', birthDate: '1976-03-15', email: 'jm.ibanez@example.com', mobile: '3415550000', insurer: 'PARTICULAR', memberNumber: '' },
  { dni: '31222333', lastName: 'GUTIERREZ', firstName: 'LORENZO', birthDate: '1985-11-08', email: 'lorenzo.gutierrez@example.com', mobile: '1133332222', insurer: 'OSDE', memberNumber: '61234567999' },
  { dni: '32555666', lastName: 'LOPEZ', firstName: 'MARTA', birthDate: '1990-02-14', email: 'marta.lopez@example.com', mobile: '1177778888', insurer: 'GALENO', memberNumber: '990011', web: 'active', noAppointments: true },
  { dni: '29888111', lastName: 'ARANGO', firstName: 'ROMAN', birthDate: '1982-06-25', email: '', mobile: '1122221111', insurer: 'UOCRA', memberNumber: '554433' },
];

/** Argentine national holidays (non-movable and the announced movable ones) for the demo. */
export const demoHolidays: Array<{ date: string; reason: string }> = [
  { date: '2026-12-08', reason: 'Inmaculada Concepción de María' },
  { date: '2026-12-25', reason: 'Navidad' },
  { date: '2027-01-01', reason: 'Año Nuevo' },
  { date: '2027-02-08', reason: 'Carnaval' },
  { date: '2027-02-09', reason: 'Carnaval' },
  { date: '2027-03-24', reason: 'Día Nacional de la Memoria por la Verdad y la Justicia' },
  { date: '2027-03-25', reason: 'Jueves Santo' },
  { date: '2027-03-26', reason: 'Viernes Santo' },
  { date: '2027-04-02', reason: 'Día del Veterano y de los Caídos en la Guerra de Malvinas' },
  { date: '2027-05-01', reason: 'Día del Trabajador' },
  { date: '2027-05-25', reason: 'Día de la Revolución de Mayo' },
  { date: '2027-06-20', reason: 'Paso a la Inmortalidad del Gral. Manuel Belgrano' },
  { date: '2027-07-09', reason: 'Día de la Independencia' },
];
