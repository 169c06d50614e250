import { BlockList, isIP } from 'node:net'

/** One entry of the administrators' address allow-list. */
export type AdminNetwork = { cidr: string; description: string }

/** The normalised CIDR (a bare address becomes /32 or /128), or undefined when it is not one. */
export function normalizeCidr(text: string): string | undefined {
  const [address = '', prefixText, extra] = text.trim().split('/')
  if (extra !== undefined) return undefined
  const family = isIP(address)
  if (family === 0) return undefined
  const max = family === 4 ? 32 : 128
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined
  const prefix = prefixText === undefined ? max : Number(prefixText)
  if (prefix > max) return undefined
  return `${address.toLowerCase()}/${prefix}`
}

// A client on IPv4 reached through an IPv6 socket shows as ::ffff:10.1.2.3; the allow-list names it 10.1.2.3.
function unmap(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  return mapped ? (mapped[1] as string) : address
}

/** True when the list is empty (no restriction) or the address lies in one of its networks. */
export function isAddressAllowed(networks: readonly AdminNetwork[], address: string | null): boolean {
  if (networks.length === 0) return true
  if (!address) return false
  const client = unmap(address)
  const family = isIP(client)
  if (family === 0) return false
  const list = new BlockList()
  for (const network of networks) {
    const [base = '', prefix] = network.cidr.split('/')
    list.addSubnet(base, Number(prefix), isIP(base) === 4 ? 'ipv4' : 'ipv6')
  }
  return list.check(client, family === 4 ? 'ipv4' : 'ipv6')
}
