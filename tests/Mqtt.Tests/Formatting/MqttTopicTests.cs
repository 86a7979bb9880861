using Proxus.Mqtt.Formatting;

namespace Proxus.Mqtt.Tests.Formatting;

/// <summary>Topic names, filters and matching with the examples of MQTT 5.0 section 4.7 and 4.8.2.</summary>
public sealed class MqttTopicTests
{
    [Theory]
    [InlineData("sport/tennis/player1/#", "sport/tennis/player1", true)]
    [InlineData("sport/tennis/player1/#", "sport/tennis/player1/ranking", true)]
    [InlineData("sport/tennis/player1/#", "sport/tennis/player1/score/wimbledon", true)]
    [InlineData("sport/#", "sport", true)]
    [InlineData("#", "sport/tennis", true)]
    [InlineData("#", "/", true)]
    [InlineData("sport/tennis/+", "sport/tennis/player1", true)]
    [InlineData("sport/tennis/+", "sport/tennis/player2", true)]
    [InlineData("sport/tennis/+", "sport/tennis/player1/ranking", false)]
    [InlineData("sport/+", "sport", false)]
    [InlineData("sport/+", "sport/", true)]
    [InlineData("+", "sport", true)]
    [InlineData("+/+", "/finance", true)]
    [InlineData("/+", "/finance", true)]
    [InlineData("+", "/finance", false)]
    [InlineData("+/tennis/#", "sport/tennis/player1", true)]
    [InlineData("sport/tennis", "sport/tennis", true)]
    [InlineData("sport/tennis", "Sport/Tennis", false)]
    [InlineData("sport/tennis", "sport/tennis/", false)]
    [InlineData("sport/tennis/", "sport/tennis", false)]
    [InlineData("a//b", "a//b", true)]
    [InlineData("a/+/b", "a//b", true)]
    public void Matches_SpecExamples_FollowWildcardRules(string filter, string topic, bool expected)
    {
        MqttTopic.Matches(filter, topic).Should().Be(expected);
    }

    [Theory]
    [InlineData("#", "$SYS/monitor/Clients", false)]
    [InlineData("+/monitor/Clients", "$SYS/monitor/Clients", false)]
    [InlineData("$SYS/#", "$SYS/monitor/Clients", true)]
    [InlineData("$SYS/monitor/+", "$SYS/monitor/Clients", true)]
    [InlineData("$share/group/#", "$SYS/x", false)]
    [InlineData("a/#", "a/$SYS", true)]
    public void Matches_DollarTopics_NotMatchedByLeadingWildcards(string filter, string topic, bool expected)
    {
        MqttTopic.Matches(filter, topic).Should().Be(expected);
    }

    [Theory]
    [InlineData("$share/consumer1/sport/tennis/+", "sport/tennis/player1", true)]
    [InlineData("$share/consumer2/sport/tennis/+", "sport/tennis/player1", true)]
    [InlineData("$share/consumer1/sport/#", "sport", true)]
    [InlineData("$share/consumer1/sport/#", "news", false)]
    public void Matches_SharedSubscription_MatchesFilterAfterShareName(string filter, string topic, bool expected)
    {
        MqttTopic.Matches(filter, topic).Should().Be(expected);
    }

    [Theory]
    [InlineData("sport/tennis/player1/#", true)]
    [InlineData("sport/#", true)]
    [InlineData("#", true)]
    [InlineData("+", true)]
    [InlineData("+/tennis/#", true)]
    [InlineData("sport/+/player1", true)]
    [InlineData("/", true)]
    [InlineData("$SYS/#", true)]
    [InlineData("$share/consumer1/sport/tennis/+", true)]
    [InlineData("$share/g/#", true)]
    [InlineData("$share", true)]
    [InlineData("$sharegroup/a", true)]
    [InlineData("", false)]
    [InlineData("sport/tennis#", false)]
    [InlineData("sport/tennis/#/ranking", false)]
    [InlineData("sport+", false)]
    [InlineData("sport/+tennis", false)]
    [InlineData("##", false)]
    [InlineData("a\0b", false)]
    [InlineData("$share/", false)]
    [InlineData("$share/group", false)]
    [InlineData("$share/group/", false)]
    [InlineData("$share//a", false)]
    [InlineData("$share/gr+oup/a", false)]
    [InlineData("$share/gr#oup/a", false)]
    [InlineData("$share/g/a#", false)]
    public void IsValidTopicFilter_Examples_FollowSection47And482(string filter, bool expected)
    {
        MqttTopic.IsValidTopicFilter(filter).Should().Be(expected);
    }

    [Theory]
    [InlineData("sport/tennis/player1", true)]
    [InlineData("/", true)]
    [InlineData("$SYS/broker/load", true)]
    [InlineData("Acme/SiteA/Press/Line1/Press_Machine/Temperature_C", true)]
    [InlineData("température/€/😀", true)]
    [InlineData("", false)]
    [InlineData("sport/#", false)]
    [InlineData("sport/+/x", false)]
    [InlineData("a\0b", false)]
    public void IsValidTopicName_Examples_RejectWildcardsAndBadText(string topic, bool expected)
    {
        MqttTopic.IsValidTopicName(topic).Should().Be(expected);
    }

    [Fact]
    public void IsValidTopicNameAndFilter_LoneSurrogates_AreRejected()
    {
        // Built here rather than in InlineData: theory serialization would replace lone surrogates.
        string[] illFormed = ["a\uD800b", "a\uDC00", "a\uD83D", "\uDE00a"];

        foreach (var text in illFormed)
        {
            MqttTopic.IsValidTopicName(text).Should().BeFalse();
            MqttTopic.IsValidTopicFilter(text).Should().BeFalse();
        }

        MqttTopic.IsValidTopicName("a\uD83D\uDE00").Should().BeTrue("a surrogate pair is one code point");
    }

    [Fact]
    public void IsValidTopicName_LengthLimit_CountsUtf8Bytes()
    {
        MqttTopic.IsValidTopicName(new string('a', 65_535)).Should().BeTrue();
        MqttTopic.IsValidTopicName(new string('a', 65_536)).Should().BeFalse();
        MqttTopic.IsValidTopicName(new string('€', 21_845)).Should().BeTrue("21,845 x 3 bytes = 65,535");
        MqttTopic.IsValidTopicName(new string('€', 21_846)).Should().BeFalse();
        MqttTopic.IsValidTopicFilter(new string('é', 32_768)).Should().BeFalse("32,768 x 2 bytes = 65,536");
    }

    [Fact]
    public void Matches_RandomFiltersAndTopics_AgreesWithLevelByLevelReference()
    {
        var random = new Random(1977);
        string[] filterLevels = ["a", "b", "", "+", "$x"];
        string[] topicLevels = ["a", "b", "", "$x"];
        var checkedPairs = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var filter = RandomPath(random, filterLevels);
            if (random.Next(4) == 0)
            {
                filter = filter.Length == 0 ? "#" : filter + "/#";
            }

            var topic = RandomPath(random, topicLevels);
            if (!MqttTopic.IsValidTopicFilter(filter) || !MqttTopic.IsValidTopicName(topic))
            {
                continue;
            }

            checkedPairs++;
            MqttTopic.Matches(filter, topic).Should().Be(ReferenceMatches(filter, topic), "filter '{0}', topic '{1}'", filter, topic);
        }

        checkedPairs.Should().BeGreaterThan(5_000);
    }

    private static string RandomPath(Random random, string[] levels) =>
        string.Join('/', Enumerable.Range(0, random.Next(1, 5)).Select(_ => levels[random.Next(levels.Length)]));

    /// <summary>The rules of section 4.7 applied to split levels, written independently of MqttTopic.</summary>
    private static bool ReferenceMatches(string filter, string topic)
    {
        if (topic.StartsWith('$') && (filter.StartsWith('+') || filter.StartsWith('#')))
        {
            return false;
        }

        var f = filter.Split('/');
        var t = topic.Split('/');
        for (var i = 0; i < f.Length; i++)
        {
            if (f[i] == "#")
            {
                return true;
            }

            if (i >= t.Length || (f[i] != "+" && f[i] != t[i]))
            {
                return false;
            }
        }

        return f.Length == t.Length;
    }
}
