/**
 * Name pools for synthetic patients. They deliberately include what breaks naive code:
 * accents and other diacritics, hyphens, apostrophes and a handful of very common surnames.
 */
export const FEMALE_GIVEN_NAMES = [
  'Zoë', 'Hélène', 'Chloé', 'Maria', 'Aisha', 'Mei', 'Sofia', 'Émilie', 'Priya', 'Olivia',
  'Fatima', 'Ingrid', 'Siobhán', 'Léa', 'Hannah', 'Camille', 'Thi Lan', 'Ana-Lucía', 'Grace', 'Noor',
] as const;

export const MALE_GIVEN_NAMES = [
  'José', 'Liam', 'François', 'Mohammed', 'Wei', 'Jean-Luc', 'Noah', 'Björn', 'Raj', 'Lucas',
  'Mateo', 'Kwame', 'Søren', 'Oliver', 'Văn Minh', 'Jürgen', 'Ethan', 'Diego', 'Amir', 'Samuel',
] as const;

export const FAMILY_NAMES = [
  'Smith', 'Smith', 'Nguyen', 'Nguyễn', 'Tremblay', 'Tremblay', 'Gagnon', 'Roy', 'Côté', 'Bouchard',
  'Müller', 'García', 'Garcia', "O'Brien", "D'Angelo", 'Smith-Jones', 'Lefèvre', 'Kowalski', 'Patel', 'Patel',
  'Chen', 'Li', 'Ahmed', 'Johansson', 'Okonkwo', 'Fitzgerald', 'MacDonald', 'Bélanger', 'Gauthier-Morin', 'Haddad',
  'Kim', 'Singh', 'Wright', 'Lévesque', 'Ó Súilleabháin', 'da Silva', 'van der Berg', 'Dubois', 'Martin', 'Martin',
] as const;

export const STREET_NAMES = ['rue Saint-Denis', 'Maple Avenue', 'chemin du Lac', 'King Street', 'boulevard René-Lévesque', 'Oak Lane'] as const;
export const CITIES = ['Montréal', 'Québec', 'Laval', 'Gatineau', 'Sherbrooke', 'Trois-Rivières'] as const;
