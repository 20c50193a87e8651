using System.Linq.Expressions;

namespace MerchantPortal.Web.Features.Common;

/// <summary>
/// Which Nairobi calendar day an instant falls on, as a query expression, so rows are grouped by day in SQL.
/// The two providers store instants differently (SQLite as numbers), so no date function may run on a column:
/// the day boundaries are computed here and the column is only compared with them.
/// </summary>
public static class DayBuckets
{
    /// <summary>
    /// 0 for <paramref name="firstDay"/>, 1 for the next day… up to <paramref name="days"/> − 1; −1 before the
    /// first day. Filter out rows before the first day in the query.
    /// </summary>
    public static Expression<Func<T, int>> IndexOf<T>(Expression<Func<T, DateTimeOffset>> instant, DateOnly firstDay, int days)
    {
        Expression index = Expression.Constant(-1);
        for (var i = 0; i < days; i++)
        {
            var start = Expression.Constant(Nairobi.StartOfDay(firstDay.AddDays(i)), typeof(DateTimeOffset));
            index = Expression.Condition(Expression.GreaterThanOrEqual(instant.Body, start), Expression.Constant(i), index);
        }

        return Expression.Lambda<Func<T, int>>(index, instant.Parameters);
    }
}
