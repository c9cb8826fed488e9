/**
 * Advice names commands as the administrator will type them in the same shell. When
 * --state-dir chose the directory, the advised command needs it too, or it would act on the
 * default directory; the error's author deep in storage cannot know, so it is added here, where
 * the command line is known. MSE_BIND_STATE_DIR needs nothing: it is still set.
 */
export function adviceForStateDir(text: string, stateDirOption: string | undefined): string {
  if (stateDirOption === undefined) return text;
  const quoted = /^[\w@%+=:,./-]+$/.test(stateDirOption)
    ? stateDirOption
    : `"${stateDirOption.replaceAll('"', '\\"')}"`;
  return text.replace(
    /\bmse-bind (unbind|rebind|status|run)\b(?! --state-dir)/g,
    (command) => `${command} --state-dir ${quoted}`,
  );
}
