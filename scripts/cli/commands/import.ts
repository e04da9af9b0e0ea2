// Placeholder until the import command lands (see the open issues); replaced by the real implementation.
import { UserError } from '../../lib/problems.ts';
import type { Command } from '../command.ts';

export const command: Command = {
  name: 'import',
  summary: '',
  help: 'certdocs import: not available yet',
  async run() {
    throw new UserError('import is not implemented yet');
  },
};
