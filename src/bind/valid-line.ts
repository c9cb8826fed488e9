/** The line administrators know from the engine's old utility, kept word for word. */
export const allValidLine = '[+] ALL SETTINGS ARE VALID, close this window to save the settings';

/**
 * The same news for a script, which has no window to close and whose binding step 5 has
 * already saved: the first words stay, for scripts and people that look for them.
 */
export const allValidSavedLine = '[+] ALL SETTINGS ARE VALID, and the settings are saved';
