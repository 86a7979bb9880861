using System.Text;
using Proxus.Core.Configuration;
using Proxus.Core.Model;
using Proxus.Core.TagMaps;

namespace Proxus.Core.Tests.TagMaps;

/// <summary>The OPC UA connection option <c>acquisition</c> (Poll or Subscription) from the tag map to the signed configuration.</summary>
public sealed class OpcUaAcquisitionTests
{
    private const string Document = """
        site:
          enterprise: Acme
          name: SiteA
        connections:
          - id: mes-ua
            protocol: OpcUa
            agent: edge-01
            url: opc.tcp://127.0.0.1:4840
            ACQUISITION
            poll_groups:
              - name: fast
                interval_ms: 500
        tags:
          - path: Acme/SiteA/Press/Line1/Press_Machine/Temperature_C
            connection: mes-ua
            address: ns=2;s=Temperature
            data_type: Float64
            poll_group: fast
        """;

    [Theory]
    [InlineData("acquisition: Subscription", OpcUaAcquisition.Subscription)]
    [InlineData("acquisition: subscription", OpcUaAcquisition.Subscription)]
    [InlineData("acquisition: Poll", OpcUaAcquisition.Poll)]
    [InlineData("", OpcUaAcquisition.Poll)]
    public void Read_OpcUaConnection_TakesTheAcquisitionPollByDefault(string line, OpcUaAcquisition expected)
    {
        var result = Read(Document.Replace("ACQUISITION", line, StringComparison.Ordinal));

        result.Errors.Should().BeEmpty();
        result.TagMap!.Connections.Single().Endpoint.Should().BeOfType<OpcUaEndpoint>().Which.Acquisition.Should().Be(expected);
    }

    [Fact]
    public void Read_UnknownAcquisition_ReportsLineFieldAndTheChoices()
    {
        var result = Read(Document.Replace("ACQUISITION", "acquisition: Push", StringComparison.Ordinal));

        result.TagMap.Should().BeNull();
        result.Errors.Should().ContainSingle().Which.Should().Be(new TagMapError(5, "acquisition", "unknown acquisition 'Push' (Poll, Subscription)"));
    }

    [Fact]
    public void Read_AcquisitionOnAModbusConnection_DoesNotApply()
    {
        var yaml = Document
            .Replace("protocol: OpcUa", "protocol: ModbusTcp", StringComparison.Ordinal)
            .Replace("url: opc.tcp://127.0.0.1:4840", "host: 127.0.0.1", StringComparison.Ordinal)
            .Replace("ACQUISITION", "acquisition: Subscription", StringComparison.Ordinal)
            .Replace("ns=2;s=Temperature", "HR100", StringComparison.Ordinal);

        var result = Read(yaml);

        result.TagMap.Should().BeNull();
        result.Errors.Should().ContainSingle().Which.Should().Be(new TagMapError(5, "acquisition", "'acquisition' does not apply to a ModbusTcp connection"));
    }

    [Fact]
    public void Write_SubscriptionConnection_RoundTripsAndPollingOnesWriteNoKey()
    {
        var subscribed = Read(Document.Replace("ACQUISITION", "acquisition: Subscription", StringComparison.Ordinal)).TagMap!;
        var polled = Read(Document.Replace("ACQUISITION", string.Empty, StringComparison.Ordinal)).TagMap!;

        var written = Encoding.UTF8.GetString(TagMapYaml.ToUtf8Bytes(subscribed));
        var readBack = TagMapYaml.Read(Encoding.UTF8.GetBytes(written), TestTags.Site);

        written.Should().Contain("acquisition: Subscription");
        readBack.TagMap!.Connections.Should().Equal(subscribed.Connections);
        Encoding.UTF8.GetString(TagMapYaml.ToUtf8Bytes(polled)).Should().NotContain("acquisition");
        TagMapRecords.Fields(subscribed.Connections[0]).Should().Contain("acquisition", "Subscription");
    }

    [Fact]
    public void Between_AcquisitionChanged_IsAChangedConnection()
    {
        var before = TestTags.Map(TestTags.Float());
        var after = before with
        {
            Connections = [.. before.Connections.Select(connection => connection.Endpoint is OpcUaEndpoint ua ? connection with { Endpoint = ua with { Acquisition = OpcUaAcquisition.Subscription } } : connection)],
        };

        var diff = TagMapDiff.Between(before, after);

        diff.ChangedConnections.Should().ContainSingle().Which.After.Id.Should().Be("mes-ua");
    }

    [Fact]
    public void Canonical_PollingConnection_HasNoAcquisitionMember_SoOlderConfigurationsStayCanonical()
    {
        var configuration = Compile(OpcUaAcquisition.Poll);

        var json = Encoding.UTF8.GetString(CanonicalConfigJson.Serialize(configuration));

        json.Should().NotContain("acquisition");
        CanonicalConfigJson.Deserialize(Encoding.UTF8.GetBytes(json)).Should().Be(configuration);
    }

    [Fact]
    public void Canonical_SubscriptionConnection_RoundTrips()
    {
        var configuration = Compile(OpcUaAcquisition.Subscription);

        var bytes = CanonicalConfigJson.Serialize(configuration);

        Encoding.UTF8.GetString(bytes).Should().Contain("\"acquisition\":\"Subscription\"");
        CanonicalConfigJson.Deserialize(bytes).Should().Be(configuration);
    }

    [Fact]
    public void Canonical_ExplicitPoll_IsNotCanonical()
    {
        var json = Encoding.UTF8.GetString(CanonicalConfigJson.Serialize(Compile(OpcUaAcquisition.Subscription)))
            .Replace("\"acquisition\":\"Subscription\"", "\"acquisition\":\"Poll\"", StringComparison.Ordinal);

        var read = () => CanonicalConfigJson.Deserialize(Encoding.UTF8.GetBytes(json));

        read.Should().Throw<FormatException>().WithMessage("*canonical*");
    }

    private static TagMapImportResult Read(string yaml) => TagMapYaml.Read(Encoding.UTF8.GetBytes(yaml), TestTags.Site);

    private static AgentConfiguration Compile(OpcUaAcquisition acquisition)
    {
        var map = Read(Document.Replace("ACQUISITION", acquisition == OpcUaAcquisition.Subscription ? "acquisition: Subscription" : string.Empty, StringComparison.Ordinal)).TagMap!;
        return AgentConfigurationCompiler.Compile(map, "edge-01");
    }
}
