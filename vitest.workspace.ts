// The list of test projects (DESIGN §9). Vitest 4 no longer reads this file by itself:
// vitest.config.ts passes it to `test.projects`.
export const testProjects = ['packages/*', 'examples'];
