using Proxus.Server.Configuration;
using Proxus.Server.Portal;
using Proxus.Web.Tests.Support;

namespace Proxus.Web.Tests.Pages;

/// <summary>The uploads kept between the preview and the publish: only for their uploader and site, for a while, bounded in bytes.</summary>
public sealed class TagMapUploadStashTests
{
    private static readonly Guid Site = Guid.NewGuid();
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Get_TheUploaderAndSite_ReturnsTheUpload()
    {
        var stash = new TagMapUploadStash(_clock);
        var id = stash.Add("user:alice", Site, "map.yaml", TagMapFormat.Yaml, [1, 2, 3]);

        var upload = stash.Get(id, "user:alice", Site);

        upload.Should().NotBeNull();
        upload!.Content.Should().Equal(1, 2, 3);
        upload.FileName.Should().Be("map.yaml");
    }

    [Fact]
    public void Get_AnotherPersonOrSiteOrAnUnknownId_ReturnsNothing()
    {
        var stash = new TagMapUploadStash(_clock);
        var id = stash.Add("user:alice", Site, "map.yaml", TagMapFormat.Yaml, [1]);

        stash.Get(id, "user:mallory", Site).Should().BeNull();
        stash.Get(id, "user:alice", Guid.NewGuid()).Should().BeNull();
        stash.Get(Guid.NewGuid(), "user:alice", Site).Should().BeNull();
    }

    [Fact]
    public void Get_AfterTheLifetime_ReturnsNothingAndFreesTheBytes()
    {
        var stash = new TagMapUploadStash(_clock);
        var id = stash.Add("user:alice", Site, "map.csv", TagMapFormat.Csv, new byte[1000]);

        _clock.Advance(TagMapUploadStash.Lifetime - TimeSpan.FromSeconds(1));
        stash.Get(id, "user:alice", Site).Should().NotBeNull();
        _clock.Advance(TimeSpan.FromSeconds(1));
        stash.Get(id, "user:alice", Site).Should().BeNull();
        stash.Bytes.Should().Be(0);
    }

    [Fact]
    public void Add_BeyondTheByteBound_DropsTheOldestFirst()
    {
        var stash = new TagMapUploadStash(_clock);
        var size = (int)(TagMapUploadStash.MaxTotalBytes / 4);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(stash.Add("user:alice", Site, $"map{i}.yaml", TagMapFormat.Yaml, new byte[size]));
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        stash.Get(ids[0], "user:alice", Site).Should().BeNull("the oldest upload made room");
        ids.Skip(1).Should().OnlyContain(id => stash.Get(id, "user:alice", Site) != null);
        stash.Bytes.Should().Be(4L * size);
    }

    [Fact]
    public void Remove_ThenGet_ReturnsNothing()
    {
        var stash = new TagMapUploadStash(_clock);
        var id = stash.Add("user:alice", Site, "map.yaml", TagMapFormat.Yaml, [1]);

        stash.Remove(id);

        stash.Get(id, "user:alice", Site).Should().BeNull();
        stash.Bytes.Should().Be(0);
    }

    [Theory]
    [InlineData("tags.csv", TagMapFormat.Csv)]
    [InlineData("TAGS.CSV", TagMapFormat.Csv)]
    [InlineData("site.yaml", TagMapFormat.Yaml)]
    [InlineData("site.YML", TagMapFormat.Yaml)]
    [InlineData("site.yaml.exe", null)]
    [InlineData("site.json", null)]
    [InlineData("noextension", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void FormatOf_TheFileName_SaysTheFormat(string? fileName, TagMapFormat? expected)
        => TagMapDirectory.FormatOf(fileName).Should().Be(expected);
}
