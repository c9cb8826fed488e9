/** The line administrators know from the engine's old utility, kept word for word. */
export const allValidLine = '[+] ALL SETTINGS ARE VALID, close this window to save the settings';
