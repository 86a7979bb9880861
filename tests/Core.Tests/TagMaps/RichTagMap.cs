using Proxus.Core.Model;
using Proxus.Core.Uns;

namespace Proxus.Core.Tests.TagMaps;

/// <summary>A tag map that uses every field, every protocol and text that is hard to quote.</summary>
internal static class RichTagMap
{
    public static TagMap Create()
    {
        var serial = new Connection
        {
            Id = "boiler-rtu",
            Protocol = Protocol.ModbusRtuSerial,
            Agent = "edge-01",
            Endpoint = new ModbusSerialEndpoint("/dev/ttyUSB0", 9600, SerialParity.None, 8, 2, 17),
            PollGroups = [new PollGroup("slow", TimeSpan.FromSeconds(10))],
        };
        var gateway = new Connection
        {
            Id = "gateway",
            Protocol = Protocol.ModbusRtuOverTcp,
            Agent = "edge-01",
            Endpoint = new ModbusTcpEndpoint("gw.plant.local", 4001, 3),
        };
        var anonymous = TestTags.OpcUaConnection("ua-anon") with
        {
            Endpoint = new OpcUaEndpoint("opc.tcp://127.0.0.1:4840", new OpcUaSecurity()),
        };
        Tag[] tags =
        [
            TestTags.Float() with
            {
                DataType = DataType.Int16,
                ByteOrder = ByteOrder.Abcd,
                Scaling = new LinearScaling(0, 27648, -50, 150.5, Clamp: true),
                SourceUnit = "degC",
                Unit = "degF",
                Deadband = new Deadband(DeadbandKind.Percent, 0.5),
                Writable = true,
                WriteMin = -10.25,
                WriteMax = 1e21,
                Critical = true,
                Description = "=SUM(A1) \"quoted\", with comma\nand a second line",
            },
            TestTags.Float("Pressure", "400201") with
            {
                DataType = DataType.Float64,
                ByteOrder = ByteOrder.Cdab,
                SourceUnit = "bar",
                Deadband = new Deadband(DeadbandKind.Absolute, 0.01),
                PollGroup = null,
                PollInterval = TimeSpan.FromMilliseconds(250),
                Description = "'starts with an apostrophe",
            },
            TestTags.Float("Recipe", "HR300") with { DataType = DataType.String, Length = 16, ReportByException = false, Description = "null" },
            TestTags.Float("Running", "HR300.15") with { DataType = DataType.Bool, Description = "-minus first" },
            TestTags.Float("Door", "DI7") with { DataType = DataType.Bool, Description = "Prüfstand — Tür 🚪" },
            new Tag
            {
                Path = UnsPath.Parse("Acme/SiteA/Boiler/Line2/Boiler_1/Burner/Flame/Intensity"),
                Connection = "boiler-rtu",
                Address = "30001",
                DataType = DataType.UInt16,
                ByteOrder = ByteOrder.Dcba,
                Unit = "%",
                PollGroup = "slow",
            },
            new Tag
            {
                Path = UnsPath.Parse("Acme/SiteA/Boiler/Line2/Boiler_1/Flow"),
                Connection = "gateway",
                Address = "IR10",
                DataType = DataType.Float32,
                ByteOrder = ByteOrder.Badc,
                SourceUnit = "m3/h",
                Unit = "l/min",
                PollInterval = TimeSpan.FromSeconds(1),
            },
            new Tag
            {
                Path = UnsPath.Parse("Acme/SiteA/Assembly/Line3/Robot-7/Speed"),
                Connection = "line-s7",
                Address = "DB40.DBD12",
                DataType = DataType.Float32,
                SourceUnit = "rpm",
                PollGroup = "fast",
            },
            new Tag
            {
                Path = UnsPath.Parse("Acme/SiteA/Assembly/Line3/Robot-7/Batch.Name"),
                Connection = "line-s7",
                Address = "DB3.STRING10.20",
                DataType = DataType.String,
                PollGroup = "fast",
            },
            new Tag
            {
                Path = UnsPath.Parse("Acme/SiteA/Assembly/Line3/Robot-7/LastService"),
                Connection = "line-s7",
                Address = "DB1.DT0",
                DataType = DataType.DateTime,
                PollGroup = "fast",
            },
            new Tag
            {
                Path = UnsPath.Parse("Acme/SiteA/Packaging/Line4/Filler/Count"),
                Connection = "mes-ua",
                Address = "ns=2;s=Filler: Count, \"total\"",
                DataType = DataType.UInt64,
                PollGroup = "fast",
            },
            new Tag
            {
                Path = UnsPath.Parse("Acme/SiteA/Packaging/Line4/Filler/State"),
                Connection = "ua-anon",
                Address = "ns=3;g=72962b91-fa75-4ae6-8d28-b404dc7daf63",
                DataType = DataType.Int32,
                PollGroup = "fast",
            },
        ];
        return new TagMap(TestTags.Site, [TestTags.ModbusConnection(), TestTags.S7Connection(), TestTags.OpcUaConnection(), serial, gateway, anonymous], tags);
    }
}
