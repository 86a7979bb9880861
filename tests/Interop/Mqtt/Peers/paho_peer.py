#!/usr/bin/python3
"""Eclipse Paho (python3-paho-mqtt 1.6) as an independent peer of the Proxus broker.

Each scenario prints one line starting with OK and exits 0, or prints the failure and exits 1.
  roundtrip PORT VERSION QOS COUNT [CA CERT KEY]   publish COUNT messages, expect them in order
  shared PORT COUNT                                two $share members split COUNT messages
  persist PORT VERSION                             QoS 1 queued for an offline persistent session
  agent PORT CA CERT KEY CLIENTID STATUS COMMAND UNS
      MQTT 5 over TLS as an agent: subscribe to COMMAND (granted), publish STATUS and UNS (QoS 1),
      print READY, then print OK with the payload of the first command received
"""
import queue
import ssl
import sys
import uuid

import paho.mqtt.client as mqtt

TIMEOUT = 20


def fail(message):
    print("FAIL " + message, flush=True)
    sys.exit(1)


def make_client(client_id, version, port, clean=True, tls=None):
    protocol = mqtt.MQTTv5 if version == "5" else mqtt.MQTTv311
    if protocol == mqtt.MQTTv5:
        client = mqtt.Client(client_id=client_id, protocol=protocol)
    else:
        client = mqtt.Client(client_id=client_id, protocol=protocol, clean_session=clean)
    if tls:
        ca, cert, key = tls
        client.tls_set(ca_certs=ca, certfile=cert, keyfile=key, tls_version=ssl.PROTOCOL_TLS_CLIENT)
    client.inbox = queue.Queue()
    client.connected = queue.Queue()
    client.subscribed = queue.Queue()
    client.on_message = lambda c, u, m: c.inbox.put((m.topic, m.payload.decode(), m.qos, m.retain))
    client.on_connect = lambda c, u, flags, rc, props=None: c.connected.put((flags, rc))
    client.on_subscribe = lambda c, u, mid, granted, props=None: c.subscribed.put(granted)
    properties = None
    if protocol == mqtt.MQTTv5:
        from paho.mqtt.properties import Properties
        from paho.mqtt.packettypes import PacketTypes
        properties = Properties(PacketTypes.CONNECT)
        properties.SessionExpiryInterval = 0 if clean else 3600
        client.connect("127.0.0.1", port, keepalive=30, clean_start=clean, properties=properties)
    else:
        client.connect("127.0.0.1", port, keepalive=30)
    client.loop_start()
    flags, rc = client.connected.get(timeout=TIMEOUT)
    if rc != 0:
        fail("connect refused: %s" % rc)
    client.session_present = flags.get("session present", 0)
    return client


def subscribe(client, topic, qos):
    client.subscribe(topic, qos)
    client.subscribed.get(timeout=TIMEOUT)


def roundtrip(port, version, qos, count, tls=None):
    topic = "paho/" + uuid.uuid4().hex
    subscriber = make_client("paho-sub-" + uuid.uuid4().hex[:8], version, port, tls=tls)
    publisher = make_client("paho-pub-" + uuid.uuid4().hex[:8], version, port, tls=tls)
    subscribe(subscriber, topic, qos)
    for i in range(count):
        publisher.publish(topic, str(i), qos=qos).wait_for_publish(TIMEOUT)
    for i in range(count):
        got_topic, payload, got_qos, _ = subscriber.inbox.get(timeout=TIMEOUT)
        if got_topic != topic or payload != str(i) or got_qos != qos:
            fail("message %d: %s %s qos %d" % (i, got_topic, payload, got_qos))
    print("OK %d" % count, flush=True)


def shared(port, count):
    topic = "jobs/" + uuid.uuid4().hex
    members = [make_client("paho-member-%d-%s" % (i, uuid.uuid4().hex[:6]), "5", port) for i in range(2)]
    for member in members:
        subscribe(member, "$share/workers/" + topic, 1)
    publisher = make_client("paho-pub-" + uuid.uuid4().hex[:8], "5", port)
    for i in range(count):
        publisher.publish(topic, str(i), qos=1).wait_for_publish(TIMEOUT)
    received = []
    per_member = []
    for member in members:
        got = 0
        while len(received) < count:
            try:
                received.append(member.inbox.get(timeout=2)[1])
                got += 1
            except queue.Empty:
                break
        per_member.append(got)
    if sorted(received, key=int) != [str(i) for i in range(count)]:
        fail("received %s" % received)
    print("OK " + " ".join(str(n) for n in per_member), flush=True)


def persist(port, version):
    client_id = "paho-persist-" + uuid.uuid4().hex[:8]
    topic = "persist/" + uuid.uuid4().hex
    subscriber = make_client(client_id, version, port, clean=False)
    subscribe(subscriber, topic, 1)
    subscriber.disconnect()
    subscriber.loop_stop()
    publisher = make_client("paho-pub-" + uuid.uuid4().hex[:8], version, port)
    for i in range(3):
        publisher.publish(topic, str(i), qos=1).wait_for_publish(TIMEOUT)
    resumed = make_client(client_id, version, port, clean=False)
    if not resumed.session_present:
        fail("session not present")
    payloads = [resumed.inbox.get(timeout=TIMEOUT)[1] for _ in range(3)]
    if payloads != ["0", "1", "2"]:
        fail("resumed with %s" % payloads)
    print("OK persist", flush=True)


def agent(port, ca, cert, key, client_id, status, command, uns):
    client = make_client(client_id, "5", port, tls=(ca, cert, key))
    client.subscribe(command, 1)
    granted = client.subscribed.get(timeout=TIMEOUT)
    code = granted[0].value if hasattr(granted[0], "value") else granted[0]
    if code >= 0x80:
        fail("command subscription refused: %s" % code)
    for topic, payload in ((status, "online"), (uns, "72.4")):
        client.publish(topic, payload, qos=1).wait_for_publish(TIMEOUT)
    print("READY", flush=True)
    got_topic, payload, _, _ = client.inbox.get(timeout=TIMEOUT)
    if got_topic != command:
        fail("message on " + got_topic)
    client.disconnect()
    client.loop_stop()
    print("OK " + payload, flush=True)


def main(args):
    scenario = args[0]
    if scenario == "roundtrip":
        tls = tuple(args[5:8]) if len(args) >= 8 else None
        roundtrip(int(args[1]), args[2], int(args[3]), int(args[4]), tls)
    elif scenario == "shared":
        shared(int(args[1]), int(args[2]))
    elif scenario == "persist":
        persist(int(args[1]), args[2])
    elif scenario == "agent":
        agent(int(args[1]), *args[2:9])
    else:
        fail("unknown scenario " + scenario)


if __name__ == "__main__":
    main(sys.argv[1:])
