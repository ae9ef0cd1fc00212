/** The attributes a DockerInc::Docker::Container offers to get_attr. */

/** Attribute name → one-line description (used by validation messages and the docs). */
export const CONTAINER_ATTRIBUTES: Readonly<Record<string, string>> = {
  info: 'The whole container inspect document (docker inspect).',
  network_info: "The container's NetworkSettings, plus TcpPorts and UdpPorts.",
  network_ip: "The container's IP address on the default network (NetworkSettings.IPAddress).",
  network_gateway: 'The gateway of the default network (NetworkSettings.Gateway).',
  network_tcp_ports: 'Comma-joined host ports bound to TCP container ports.',
  network_udp_ports: 'Comma-joined host ports bound to UDP container ports.',
  logs: "The container's logs.",
  logs_head: 'The first line of the logs.',
  logs_tail: 'The last non-empty line of the logs.',
  show: 'The whole container inspect document (same as info).',
};

/** True when `name` is an attribute get_attr may ask a container for. */
export function isContainerAttribute(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(CONTAINER_ATTRIBUTES, name);
}
