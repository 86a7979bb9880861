using Proxus.Core.TagMaps;

namespace Proxus.Core.Tests.TagMaps;

public sealed class TagMapCsvMalformedTests
{
    [Theory]
    [InlineData("data_type=Float", "data_type", "unknown data type 'Float' (Bool, Byte, SByte, Int16, UInt16, Int32, UInt32, Int64, UInt64, Float32, Float64, String, DateTime)")]
    [InlineData("data_type=", "data_type", "is required")]
    [InlineData("data_type=1", "data_type", "unknown data type '1' (Bool, Byte, SByte, Int16, UInt16, Int32, UInt32, Int64, UInt64, Float32, Float64, String, DateTime)")]
    [InlineData("path=", "path", "is required")]
    [InlineData("connection=", "connection", "is required")]
    [InlineData("address=", "address", "is required")]
    [InlineData("path=Acme/SiteA/Press/Line1/Press_Machine", "path", "the path has 5 levels; it needs at least 6 (Enterprise/Site/Area/Line/Machine/Tag)")]
    [InlineData("path=Acme/SiteA/Press/#/M/T", "path", "the MQTT wildcard '#' at position 18 is not allowed")]
    [InlineData("path=Acme/SiteA//Line1/M/T", "path", "level 3 is empty ('//')")]
    [InlineData("path=Acme/SiteA/Press/Line 1/M/T", "path", "the character U+0020 at position 22 is not allowed (letters A-Z a-z, digits 0-9, '_', '-', '.')")]
    [InlineData("path=Acme/SiteA/Press/Line1/M/T/", "path", "the path ends with '/'")]
    [InlineData("path=$SYS/SiteA/Press/Line1/M/T", "path", "the path starts with '$', which is reserved for broker system topics")]
    [InlineData("path=Other/SiteA/Press/Line1/M/T", "path", "the path must start with the site prefix 'Acme/SiteA/'")]
    [InlineData("path=Acme/SiteB/Press/Line1/M/T", "path", "the path must start with the site prefix 'Acme/SiteA/'")]
    [InlineData("path=Acme/SiteA/Press/Line1/Press_Machine/Pressure", "path", "duplicate path; row 2 already uses it")]
    [InlineData("path=Acme/SiteA/Press/Line1/Press_Machine/PRESSURE", "path", "duplicate path; row 2 already uses it")]
    [InlineData("connection=plc9", "connection", "unknown connection 'plc9'")]
    [InlineData("address=HR", "address", "'HR' is not a Modbus address (HR100, IR5, CO12, DI3, HR100.3, 40001 or 400001)")]
    [InlineData("address=DB40.DBD12", "address", "'DB40.DBD12' is not a Modbus address (HR100, IR5, CO12, DI3, HR100.3, 40001 or 400001)")]
    [InlineData("address=HR201", "address", "'HR201' overlaps 'HR200' of row 2 (Acme/SiteA/Press/Line1/Press_Machine/Pressure)")]
    [InlineData("address=400200", "address", "'400200' overlaps 'HR200' of row 2 (Acme/SiteA/Press/Line1/Press_Machine/Pressure)")]
    [InlineData("address=HR199", "address", "'HR199' overlaps 'HR200' of row 2 (Acme/SiteA/Press/Line1/Press_Machine/Pressure)")]
    [InlineData("address=HR100|data_type=Bool", "address", "a Bool on a register needs a bit suffix (HR100.3)")]
    [InlineData("address=HR100.3", "address", "a register bit holds a Bool value, not Float32")]
    [InlineData("address=CO5|data_type=Int16", "address", "coils and discrete inputs hold Bool values, not Int16")]
    [InlineData("address=HR70000", "address", "offset 70000 is above 65535")]
    [InlineData("connection=line-s7|address=DB40.DBD12|data_type=Float64", "address", "a D location holds Int32, UInt32 or Float32, not Float64")]
    [InlineData("connection=line-s7|address=MW10.1|data_type=Int16", "address", "a bit number applies to bit addresses only (X), not to W")]
    [InlineData("connection=line-s7|address=HR100", "address", "'HR100' is not an S7 address (DB40.DBD12, DB1.DBX0.3, DB3.STRING10.20, DB1.DT0, MW10, I0.1, Q1.0, T3 or C4)")]
    [InlineData("connection=mes-ua|address=Temperature", "address", "'Temperature' is not an OPC UA NodeId (ns=2;s=Line1.Temperature, ns=3;i=1001, g=<guid> or b=<base64>)")]
    [InlineData("connection=mes-ua|address=ns=2;i=abc", "address", "numeric identifier 'abc' is not a UInt32")]
    [InlineData("length=10", "length", "length applies to String tags only")]
    [InlineData("data_type=String", "address", "a String tag on Modbus needs a length (characters)")]
    [InlineData("length=abc", "length", "'abc' is not a whole number")]
    [InlineData("length=0", "length", "0 is outside 1..65535")]
    [InlineData("byte_order=XYZW", "byte_order", "unknown byte order 'XYZW' (Abcd, Cdab, Badc, Dcba)")]
    [InlineData("connection=line-s7|address=DB40.DBD12|byte_order=CDAB", "byte_order", "byte_order applies to Modbus tags only")]
    [InlineData("raw_min=0", "raw_max", "scaling needs raw_min, raw_max, eng_min and eng_max together (missing: raw_max, eng_min, eng_max)")]
    [InlineData("raw_min=0|raw_max=0|eng_min=0|eng_max=100", "raw_max", "raw_max must differ from raw_min (0)")]
    [InlineData("raw_min=0|raw_max=10|eng_min=5|eng_max=5", "eng_max", "eng_max must differ from eng_min (5)")]
    [InlineData("raw_min=abc|raw_max=10|eng_min=0|eng_max=5", "raw_min", "'abc' is not a number")]
    [InlineData("raw_min=1,5|raw_max=10|eng_min=0|eng_max=5", "raw_min", "'1,5' is not a number")]
    [InlineData("raw_min=NaN|raw_max=10|eng_min=0|eng_max=5", "raw_min", "'NaN' is not a number")]
    [InlineData("raw_min=1e999|raw_max=10|eng_min=0|eng_max=5", "raw_min", "'1e999' is not a number")]
    [InlineData("data_type=Bool|address=HR1.1|raw_min=0|raw_max=10|eng_min=0|eng_max=5", "raw_min", "scaling applies to numeric tags only")]
    [InlineData("clamp=true", "clamp", "clamp needs a scaling range (raw_min, raw_max, eng_min, eng_max)")]
    [InlineData("clamp=yes|raw_min=0|raw_max=10|eng_min=0|eng_max=5", "clamp", "'yes' is not true or false")]
    [InlineData("source_unit=furlong", "source_unit", "unknown unit 'furlong'")]
    [InlineData("unit=°C", "unit", "unknown unit '°C'")]
    [InlineData("unit=Bar", "unit", "unknown unit 'Bar'")]
    [InlineData("source_unit=bar|unit=degC", "unit", "cannot convert 'bar' (Pressure) to 'degC' (Temperature)")]
    [InlineData("data_type=Bool|address=HR100.1|unit=degC", "unit", "units apply to numeric tags only")]
    [InlineData("deadband=-1", "deadband", "deadband must be a finite number, not negative")]
    [InlineData("deadband=abc", "deadband", "'abc' is not a deadband (an amount like 0.5 or a percentage like 2%)")]
    [InlineData("deadband=2%", "deadband", "a percent deadband needs a scaling range (raw_min, raw_max, eng_min, eng_max)")]
    [InlineData("deadband=150%|raw_min=0|raw_max=10|eng_min=0|eng_max=5", "deadband", "a percent deadband must be at most 100%")]
    [InlineData("deadband=1|report_by_exception=false", "deadband", "a deadband needs report_by_exception true")]
    [InlineData("data_type=Bool|address=HR100.2|deadband=1", "deadband", "deadband applies to numeric tags only")]
    [InlineData("report_by_exception=maybe", "report_by_exception", "'maybe' is not true or false")]
    [InlineData("poll_group=", "poll_group", "give poll_group or poll_interval_ms")]
    [InlineData("poll_interval_ms=500", "poll_interval_ms", "give poll_group or poll_interval_ms, not both")]
    [InlineData("poll_group=|poll_interval_ms=50", "poll_interval_ms", "poll interval 50 ms is below the minimum of 100 ms")]
    [InlineData("poll_group=|poll_interval_ms=1.5", "poll_interval_ms", "'1.5' is not a whole number")]
    [InlineData("poll_group=|poll_interval_ms=0", "poll_interval_ms", "0 is outside 1..86400000")]
    [InlineData("poll_group=turbo", "poll_group", "connection 'press-plc' has no poll group 'turbo'")]
    [InlineData("write_min=0", "write_min", "write limits apply to writable tags only")]
    [InlineData("writable=true|write_min=10|write_max=5", "write_min", "write_min 10 is greater than write_max 5")]
    [InlineData("writable=sure", "writable", "'sure' is not true or false")]
    [InlineData("critical=true", "critical", "critical applies to writable tags only")]
    [InlineData("critical=very|writable=true", "critical", "'very' is not true or false")]
    [InlineData("description==HYPERLINK(\"http://evil\")", "description", "the cell starts with '=', which a spreadsheet runs as a formula; prefix it with an apostrophe (') to keep it as text")]
    [InlineData("description=+cmd /C calc", "description", "the cell starts with '+', which a spreadsheet runs as a formula; prefix it with an apostrophe (') to keep it as text")]
    [InlineData("description=@SUM(1+1)", "description", "the cell starts with '@', which a spreadsheet runs as a formula; prefix it with an apostrophe (') to keep it as text")]
    [InlineData("description=-2+3", "description", "the cell starts with '-', which a spreadsheet runs as a formula; prefix it with an apostrophe (') to keep it as text")]
    [InlineData("description=\tcmd", "description", "the cell starts with a tab, which a spreadsheet runs as a formula; prefix it with an apostrophe (') to keep it as text")]
    [InlineData("connection==cmd", "connection", "the cell starts with '=', which a spreadsheet runs as a formula; prefix it with an apostrophe (') to keep it as text")]
    [InlineData("raw_min==1+1|raw_max=10|eng_min=0|eng_max=5", "raw_min", "the cell starts with '=', which a spreadsheet runs as a formula; prefix it with an apostrophe (') to keep it as text")]
    [InlineData("write_max=+5|writable=true", "write_max", "the cell starts with '+', which a spreadsheet runs as a formula; prefix it with an apostrophe (') to keep it as text")]
    public void Read_MalformedRow_ReportsRowFieldAndMessageAndReturnsNothing(string overrides, string field, string message)
    {
        var result = TagMapCsv.Read(CsvUpload.WithRow3(overrides), TestTags.Site, TestTags.Map().Connections);

        result.Succeeded.Should().BeFalse();
        result.TagMap.Should().BeNull();
        result.Errors.Should().ContainSingle().Which.Should().Be(new TagMapError(3, field, message));
    }

    [Theory]
    [InlineData("", 0, null, "the upload is empty; it needs a header row")]
    [InlineData("path,connection,address,data_type,path\r\n", 1, "path", "the column appears twice")]
    [InlineData("path,connection,data_type\r\n", 1, "address", "the required column is missing")]
    [InlineData("path,connection,address,data_type,poll_group\r\nAcme/SiteA/P/L/M/T,press-plc,HR1,Int16,fast,extra\r\n", 2, null, "the row has 6 fields; the header has 5")]
    [InlineData("path,connection,address,data_type,poll_group\r\nAcme/SiteA/P/L/M/T,press-plc,HR1,Int16\r\n", 2, null, "the row has 4 fields; the header has 5")]
    [InlineData("path,connection,address,data_type,poll_group\r\n\"Acme/SiteA/P/L/M/T,press-plc,HR1,Int16,fast\r\n", 2, null, "a quoted field is not closed")]
    [InlineData("path,connection,address,data_type,poll_group\r\nAcme/SiteA/P/L/M/T,press-plc,HR\"1,Int16,fast\r\n", 2, null, "field 3: a quote inside an unquoted field (enclose the field in quotes and double the quote)")]
    [InlineData("path,connection,address,data_type,poll_group\r\n\"Acme/SiteA/P/L/M/T\"x,press-plc,HR1,Int16,fast\r\n", 2, null, "field 1: text after the closing quote")]
    [InlineData("path,connection,address,data_type,poll_group\r\nAcme/SiteA/P/L/M/T,press-plc,HR1,Int16,fast\r\nAcme/SiteA/P/L/M/T2,press-plc,HR2,Int16\r\n", 3, null, "the row has 4 fields; the header has 5")]
    public void Read_MalformedFile_ReportsThePreciseError(string csv, int row, string? field, string message)
    {
        var result = TagMapCsv.Read(System.Text.Encoding.UTF8.GetBytes(csv), TestTags.Site, TestTags.Map().Connections);

        result.TagMap.Should().BeNull();
        result.Errors.Should().ContainSingle().Which.Should().Be(new TagMapError(row, field, message));
    }

    [Fact]
    public void Read_UnknownColumn_ListsTheColumns()
    {
        var result = TagMapCsv.Read("path,connection,address,data_type,colour\r\n"u8, TestTags.Site, TestTags.Map().Connections);

        result.Errors.Should().ContainSingle().Which.Should().Be(new TagMapError(1, "colour", "unknown column 'colour' (columns: " + string.Join(", ", TagFields.All) + ")"));
    }

    [Fact]
    public void Read_InvalidUtf8_IsRejected()
    {
        byte[] csv = [.. "path\r\n"u8, 0xC3, 0x28];

        var result = TagMapCsv.Read(csv, TestTags.Site, TestTags.Map().Connections);

        result.Errors.Should().ContainSingle().Which.Should().Be(new TagMapError(0, null, "the upload is not valid UTF-8"));
    }

    [Fact]
    public void Read_NulCharacter_IsRejected()
    {
        var result = TagMapCsv.Read("path,connection\0\r\n"u8, TestTags.Site, TestTags.Map().Connections);

        result.Errors.Should().ContainSingle().Which.Should().Be(new TagMapError(0, null, "the upload contains a NUL character"));
    }

    [Fact]
    public void Read_OverTheSizeLimit_IsRejectedBeforeParsing()
    {
        var limits = new TagMapLimits { MaxBytes = 100 };
        using var stream = new MemoryStream(new byte[101]);

        var result = TagMapCsv.Read(stream, TestTags.Site, TestTags.Map().Connections, limits);

        result.Errors.Should().ContainSingle().Which.Should().Be(new TagMapError(0, null, "the upload is larger than 100 bytes"));
    }

    [Fact]
    public void Read_FieldOverTheLengthLimit_IsRejected()
    {
        var csv = CsvUpload.WithRow3("description=" + new string('x', 1025));

        var result = TagMapCsv.Read(csv, TestTags.Site, TestTags.Map().Connections);

        result.Errors.Should().ContainSingle().Which.Should().Be(new TagMapError(3, null, "field 22 is longer than 1024 characters"));
    }

    [Fact]
    public void Read_MoreRowsThanTheLimit_IsRejected()
    {
        var limits = new TagMapLimits { MaxTags = 1 };

        var result = TagMapCsv.Read(CsvUpload.WithRow3("address=HR300"), TestTags.Site, TestTags.Map().Connections, limits);

        result.Errors.Should().ContainSingle().Which.Should().Be(new TagMapError(3, null, "more than 1 tag rows"));
    }

    [Fact]
    public void Read_ManyBadRows_StopsCollectingAtTheLimit()
    {
        var limits = new TagMapLimits { MaxErrors = 5 };
        var csv = CsvUpload.Header() + string.Concat(Enumerable.Range(0, 20).Select(_ => CsvUpload.Line(new Dictionary<string, string>(CsvUpload.ValidRow) { [TagFields.DataType] = "Float" })));

        var result = TagMapCsv.Read(System.Text.Encoding.UTF8.GetBytes(csv), TestTags.Site, TestTags.Map().Connections, limits);

        result.TagMap.Should().BeNull();
        result.Errors.Should().HaveCount(6);
        result.Errors[^1].Should().Be(new TagMapError(0, null, "more than 5 errors; stopped collecting"));
    }

    [Fact]
    public void Read_SeveralBadRows_ReportsEveryOne()
    {
        var csv = CsvUpload.Header() + CsvUpload.Line(CsvUpload.ValidRow) + CsvUpload.Line(CsvUpload.ValidRow);

        var result = TagMapCsv.Read(System.Text.Encoding.UTF8.GetBytes(csv), TestTags.Site, TestTags.Map().Connections);

        result.Errors.Should().Equal(
            new TagMapError(3, "path", "duplicate path; row 2 already uses it"),
            new TagMapError(3, "address", "'HR100' overlaps 'HR100' of row 2 (Acme/SiteA/Press/Line1/Press_Machine/Temperature_C)"));
    }
}
