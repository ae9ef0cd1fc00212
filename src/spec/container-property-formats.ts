/**
 * The value formats of the property table's rows (container-properties.ts), as data both the
 * JSON Schema and the Docker checks use: the schema judges literal values with them, the checks
 * the values a function produced, so the two can never disagree on what is valid.
 */

/** Capabilities Heat's plugin accepted in cap_add / cap_drop. */
export const LINUX_CAPABILITIES = [
  'SETPCAP', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_PACCT', 'SYS_ADMIN', 'SYS_NICE', 'SYS_RESOURCE', 'SYS_TIME',
  'SYS_TTY_CONFIG', 'MKNOD', 'AUDIT_WRITE', 'AUDIT_CONTROL', 'MAC_OVERRIDE', 'MAC_ADMIN', 'NET_ADMIN', 'SYSLOG',
  'CHOWN', 'NET_RAW', 'DAC_OVERRIDE', 'FOWNER', 'DAC_READ_SEARCH', 'FSETID', 'KILL', 'SETGID', 'SETUID',
  'LINUX_IMMUTABLE', 'NET_BIND_SERVICE', 'NET_BROADCAST', 'IPC_LOCK', 'IPC_OWNER', 'SYS_CHROOT', 'SYS_PTRACE',
  'SYS_BOOT', 'LEASE', 'SETFCAP', 'WAKE_ALARM', 'BLOCK_SUSPEND', 'ALL',
] as const;

/** A device path as Heat's plugin constrained it (devices' path_on_host and path_in_container). */
export const DEVICE_PATH_PATTERN = '^/dev/[/_\\-a-zA-Z0-9]+$';

/** The longest device path Heat's plugin accepted. */
export const DEVICE_PATH_MAX_LENGTH = 255;

/** Cgroup permissions of a device: r, w, m, in that order. */
export const DEVICE_PERMISSIONS: readonly string[] = ['r', 'w', 'm', 'rw', 'rm', 'wm', 'rwm'];

/** restart_policy Name values. */
export const RESTART_POLICIES: readonly string[] = ['no', 'on-failure', 'always'];

/** A container name Docker accepts (a leading '/' is dropped). */
export const CONTAINER_NAME_PATTERN = '^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$';

/** cpu_set: CPUs and ranges, `0-8,16-24,28`. */
export const CPU_SET_PATTERN = '^[0-9]+(?:-[0-9]+)?(?:,[0-9]+(?:-[0-9]+)?)*$';
