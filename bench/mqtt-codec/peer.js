'use strict'
// The peer side of bench/mqtt-codec: MQTT.js's packet library (mqtt-packet) on the same packets,
// measured the same way as CodecBench (warm-up, rounds of fixed size, median round).
// Prints "name<TAB>ns/op" per scenario.
const mqttPacket = require('mqtt-packet')

const topic = 'Acme/SiteA/Press/Line1/Press_Machine/Temperature_C'
const payload = Buffer.from('{"value":72.4,"unit":"degC","quality":"good","ts":"2026-11-21T10:00:00.123Z"}')
const plain = { cmd: 'publish', topic, payload, qos: 1, messageId: 1, retain: false, dup: false }
const withProperties = {
  ...plain,
  properties: {
    contentType: 'application/json',
    messageExpiryInterval: 3600,
    userProperties: { site: 'SiteA', source: 'DB40.DBD12' }
  }
}
const plain311 = mqttPacket.generate(plain, { protocolVersion: 4 })
const properties500 = mqttPacket.generate(withProperties, { protocolVersion: 5 })

function decoder (protocolVersion) {
  const parser = mqttPacket.parser({ protocolVersion })
  let decoded = 0
  parser.on('packet', () => { decoded++ })
  parser.on('error', (error) => { throw error })
  return (bytes) => {
    const before = decoded
    parser.parse(bytes)
    if (decoded !== before + 1) throw new Error('The benchmark packet did not decode.')
  }
}

const decode311 = decoder(4)
const decode500 = decoder(5)
const scenarios = [
  ['encode PUBLISH 3.1.1', () => mqttPacket.generate(plain, { protocolVersion: 4 })],
  ['decode PUBLISH 3.1.1', () => decode311(plain311)],
  ['encode PUBLISH 5.0 + properties', () => mqttPacket.generate(withProperties, { protocolVersion: 5 })],
  ['decode PUBLISH 5.0 + properties', () => decode500(properties500)]
]

const operationsPerRound = 200000
const rounds = 9
for (const [name, operation] of scenarios) {
  for (let i = 0; i < operationsPerRound * 3; i++) operation()
  const perOperation = []
  for (let round = 0; round < rounds; round++) {
    const started = process.hrtime.bigint()
    for (let i = 0; i < operationsPerRound; i++) operation()
    perOperation.push(Number(process.hrtime.bigint() - started) / operationsPerRound)
  }
  perOperation.sort((a, b) => a - b)
  process.stdout.write(`${name}\t${perOperation[Math.floor(rounds / 2)].toFixed(1)}\n`)
}
