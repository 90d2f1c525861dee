//! What a creator sees (API.md §6): exactly the listed fields, money only rounded.
