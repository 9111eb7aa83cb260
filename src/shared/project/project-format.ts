/** Current version of the `.mimesis` file format. Bump it together with a step in `migrate-project.ts`. */
export const PROJECT_FORMAT_VERSION = 2

/** Value of the `format` field that marks a JSON file as a Mimesis Studio project. */
export const PROJECT_FORMAT_NAME = 'mimesis-project'

export const PROJECT_FILE_EXTENSION = '.mimesis'
