// One palette for every cost bar, so a component keeps its colour from page to page.
export const partColors = ['#3b5bdb', '#12b886', '#fab005', '#e64980', '#7950f2'];
