"""Reception: arrivals, walk-ins and reminder calls."""
