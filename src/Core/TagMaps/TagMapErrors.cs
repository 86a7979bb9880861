namespace Proxus.Core.TagMaps;

/// <summary>Collects errors up to the limit, then records that it stopped.</summary>
internal sealed class TagMapErrors
{
    private readonly List<TagMapError> _errors = [];
    private readonly int _limit;

    public TagMapErrors(int limit)
    {
        _limit = limit;
    }

    public int Count => _errors.Count;

    public bool IsFull => _errors.Count > _limit;

    public IReadOnlyList<TagMapError> Items => _errors;

    public void Add(int row, string? field, string message)
    {
        if (_errors.Count < _limit)
        {
            _errors.Add(new(row, field, message));
        }
        else if (_errors.Count == _limit)
        {
            _errors.Add(new(0, null, $"more than {_limit} errors; stopped collecting"));
        }
    }

    public void AddRange(IEnumerable<TagMapError> errors)
    {
        foreach (var error in errors)
        {
            Add(error.Row, error.Field, error.Message);
        }
    }
}
