[assembly: TestCollectionOrderer("Proxus.Server.Tests.Support.SharedCollectionsFirstOrderer", "Proxus.Server.Tests")]
