'use strict'
// Independent peer for the MQTT codec interop tests: MQTT.js's packet library (mqtt-packet).
// Reads lines "<protocol level> <hex>" from the file named on the command line; parses each packet
// with mqtt-packet and writes it back with mqtt-packet's generator. Prints "ok <cmd> <hex>" or
// "error <message>" per line, in order.
const fs = require('fs')
const mqttPacket = require('mqtt-packet')

function reencode (protocolVersion, bytes) {
  const parser = mqttPacket.parser({ protocolVersion })
  const packets = []
  let failure = null
  parser.on('packet', (packet) => packets.push(packet))
  parser.on('error', (error) => { failure = failure || error })
  parser.parse(bytes)
  if (failure) throw failure
  if (packets.length !== 1) throw new Error(`expected one packet, parsed ${packets.length}`)
  const packet = packets[0]
  const level = packet.cmd === 'connect' ? packet.protocolVersion : protocolVersion
  return { cmd: packet.cmd, bytes: mqttPacket.generate(packet, { protocolVersion: level }) }
}

const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter((line) => line.trim() !== '')
const results = lines.map((line) => {
  const [level, hex] = line.trim().split(' ')
  try {
    const result = reencode(Number(level), Buffer.from(hex, 'hex'))
    return `ok ${result.cmd} ${result.bytes.toString('hex')}`
  } catch (error) {
    return `error ${String(error.message).replace(/\s+/g, ' ')}`
  }
})
process.stdout.write(results.join('\n') + '\n')
