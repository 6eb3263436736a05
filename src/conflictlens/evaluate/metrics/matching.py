"""One-to-one assignment helpers shared by the scorers.

``max_matching`` finds a maximum bipartite matching (Kuhn's augmenting paths);
``best_assignment`` finds the pairing that maximises a total score (Hungarian method).
Both are deterministic: ties go to lower indices.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence


def max_matching(n_left: int, n_right: int, edge: Callable[[int, int], bool]) -> list[tuple[int, int]]:
    """Largest set of (left, right) pairs with ``edge(left, right)``, each index used once."""
    adj = [[j for j in range(n_right) if edge(i, j)] for i in range(n_left)]
    owner: list[int | None] = [None] * n_right

    def augment(i: int, seen: list[bool]) -> bool:
        for j in adj[i]:
            if seen[j]:
                continue
            seen[j] = True
            current = owner[j]
            if current is None or augment(current, seen):
                owner[j] = i
                return True
        return False

    for i in range(n_left):
        augment(i, [False] * n_right)
    return sorted((i, j) for j, i in enumerate(owner) if i is not None)


def best_assignment(scores: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """Rows paired with columns to maximise the summed score; pairs scoring 0 are dropped.

    ``scores[i][j]`` is the gain of pairing row i with column j (rectangular is fine).
    """
    n_rows = len(scores)
    n_cols = len(scores[0]) if n_rows else 0
    if not n_rows or not n_cols:
        return []
    size = max(n_rows, n_cols)
    top = max(max(row) for row in scores)
    # Hungarian method on costs (top - score), padded to a square matrix with zero gain.
    cost = [[top - scores[i][j] if i < n_rows and j < n_cols else top for j in range(size)] for i in range(size)]
    inf = float("inf")
    u = [0.0] * (size + 1)
    v = [0.0] * (size + 1)
    p = [0] * (size + 1)  # p[j]: row matched to column j (1-based; 0 = none)
    way = [0] * (size + 1)
    for i in range(1, size + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (size + 1)
        used = [False] * (size + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, size + 1):
                if used[j]:
                    continue
                cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                if cur < minv[j]:
                    minv[j], way[j] = cur, j0
                if minv[j] < delta:
                    delta, j1 = minv[j], j
            for j in range(size + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    pairs = [(p[j] - 1, j - 1) for j in range(1, size + 1) if p[j]]
    return sorted((i, j) for i, j in pairs if i < n_rows and j < n_cols and scores[i][j] > 0)
