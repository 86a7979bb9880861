namespace Proxus.Mqtt.Broker;

/// <summary>Enumerates the '/'-separated levels of a topic name or filter ("a//b" has an empty middle level).</summary>
internal readonly struct TopicLevels
{
    private readonly string _topic;

    public TopicLevels(string topic)
    {
        _topic = topic;
    }

    public Enumerator GetEnumerator() => new(_topic);

    /// <summary>Counts the levels without allocating.</summary>
    public static int Count(string topic)
    {
        var count = 1;
        foreach (var c in topic)
        {
            if (c == '/')
            {
                count++;
            }
        }

        return count;
    }

    public struct Enumerator
    {
        private readonly string _topic;
        private int _position;

        public Enumerator(string topic)
        {
            _topic = topic;
            _position = 0;
            Current = string.Empty;
        }

        public string Current { get; private set; }

        public bool MoveNext()
        {
            if (_position > _topic.Length)
            {
                return false;
            }

            var end = _topic.IndexOf('/', _position);
            if (end < 0)
            {
                end = _topic.Length;
            }

            Current = _topic[_position..end];
            _position = end + 1;
            return true;
        }
    }
}
