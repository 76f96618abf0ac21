/** The sandbox's synthetic sign-in users; each is also a Practitioner in the FHIR repository. */
export interface SandboxUser {
  login: string;
  password: string;
  displayName: string;
  role: 'physician' | 'receptionist';
  practitionerId: string;
  family: string;
  given: string;
}

export const SANDBOX_USERS: ReadonlyArray<SandboxUser> = [
  {
    login: 'physician',
    password: 'demo',
    displayName: 'Dr. Amélie Tremblay',
    role: 'physician',
    practitionerId: 'practitioner-tremblay',
    family: 'Tremblay',
    given: 'Amélie',
  },
  {
    login: 'reception',
    password: 'demo',
    displayName: 'Jordan Okafor',
    role: 'receptionist',
    practitionerId: 'practitioner-okafor',
    family: 'Okafor',
    given: 'Jordan',
  },
];

export function findUserByLogin(login: string): SandboxUser | undefined {
  return SANDBOX_USERS.find((user) => user.login === login);
}
