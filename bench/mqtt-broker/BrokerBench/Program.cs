using System.Diagnostics;
using System.Globalization;
using Proxus.Bench.MqttBroker;
using Proxus.Mqtt.Packets;

// Fan-in load against any MQTT broker on 127.0.0.1: PUBLISHERS connections each publish MESSAGES
// messages of PAYLOAD bytes at QOS (QoS 1 with a window of 100 unacknowledged publishes) to
// bench/<n>; one subscriber on bench/# receives them. Prints "<delivered> <msgs/s>", the rate taken
// from the first publish to the last message received (a broker that drops messages is not charged
// the idle wait that detects the loss, but delivers fewer).
//   proxus-bench-mqtt-broker PORT QOS PUBLISHERS MESSAGES PAYLOAD
var port = int.Parse(args[0], CultureInfo.InvariantCulture);
var qos = (MqttQualityOfService)int.Parse(args[1], CultureInfo.InvariantCulture);
var publishers = int.Parse(args[2], CultureInfo.InvariantCulture);
var messages = int.Parse(args[3], CultureInfo.InvariantCulture);
var payload = new byte[int.Parse(args[4], CultureInfo.InvariantCulture)];
var expected = (long)publishers * messages;

await using var subscriber = await BenchConnection.ConnectAsync(port, "bench-sub");
await subscriber.SubscribeAsync("bench/#", qos);
var stopwatch = new Stopwatch();
var receiving = subscriber.ReceivePublishesAsync(expected, TimeSpan.FromSeconds(3), stopwatch);
var clients = new List<BenchConnection>();
for (var i = 0; i < publishers; i++)
{
    clients.Add(await BenchConnection.ConnectAsync(port, "bench-pub-" + i.ToString(CultureInfo.InvariantCulture)));
}

stopwatch.Start();
await Task.WhenAll(clients.Select((client, i) => client.PublishManyAsync("bench/" + i.ToString(CultureInfo.InvariantCulture), payload, qos, messages)));
var (delivered, elapsed) = await receiving;
foreach (var client in clients)
{
    await client.DisposeAsync();
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{delivered} {(long)(delivered / elapsed.TotalSeconds)}"));
